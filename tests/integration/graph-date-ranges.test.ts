// The filtered graph with link types and a date range reads the links from the types' date indexes
// in two ranges (server/src/graph/query.ts): those that start in the range and those that start
// before it and end in it. Whatever the plan, the answer must be the one the unindexed query gives
// for every type: the same links as the graph filtered by the range alone, restricted to the type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphPayloadT } from '../../contract/graph.js';
import type { CompiledDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { readArticle } from '../support/article.js';

let app: RunningServer;
let dataset: CompiledDataset;
beforeAll(async () => {
  // Read before the app starts: parsing the dataset holds this process's event loop, which the
  // app's load shedder would take for an overloaded server.
  dataset = await readArticle();
  // Each type and range is a query text of its own, planned on first use: on a loaded machine that can
  // take longer than the service limit, which is not what is tested here.
  app = await startTestApp({ OVERLOAD_SERVICE_MS: '0', OVERLOAD_MAX_LAG_MS: '0' });
});
afterAll(() => app.close(1_000));

async function graph(query: string): Promise<GraphPayloadT> {
  const { status, body } = await getJson<GraphPayloadT>(`${app.url}/api/graph?${query}`);
  expect(status, `${query}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body;
}

const edgeIds = (payload: GraphPayloadT, type?: string): string[] =>
  payload.edges
    .filter((edge) => type === undefined || edge.type === type)
    .map((edge) => edge.id)
    .sort();

describe('GET /api/graph with link types and dates', () => {
  it('keeps a link that starts before the range and ends in it ("from 2017 to 2018", from=2018)', async () => {
    for (const range of ['from=2018', 'from=2018&to=2018', 'from=2018-03&to=2019']) {
      const body = await graph(`rels=SUBJECT_OF&${range}`);
      expect(edgeIds(body), range).toContain('wang-yongzhi-subject-of-wang-yongzhi-investigation');
    }
    const before = await graph('rels=SUBJECT_OF&from=2019');
    expect(edgeIds(before)).not.toContain('wang-yongzhi-subject-of-wang-yongzhi-investigation');
  });

  it('answers for every dated type what the graph filtered by dates alone holds of that type', async () => {
    const types = [
      ...new Set(dataset.data.relationships.filter((r) => r.date !== undefined).map((r) => r.type)),
    ].sort();
    expect(types.length, 'dated link types in the article').toBeGreaterThan(2);
    let compared = 0;
    for (const range of [
      'from=2014',
      'from=2014-06&to=2014-06-30',
      'from=2016&to=2018',
      'from=2018',
      'to=2016',
    ]) {
      const all = await graph(range);
      for (const type of types) {
        const typed = await graph(`rels=${type}&${range}`);
        expect(edgeIds(typed), `${type} ${range}`).toEqual(edgeIds(all, type));
        compared += typed.edges.length;
      }
    }
    expect(compared, 'links compared').toBeGreaterThan(5);
  }, 120_000);
});
