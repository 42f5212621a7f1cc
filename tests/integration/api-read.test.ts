// The read endpoints of the API against the seeded article: search, entities and neighbourhoods,
// paths, the filtered graph, the vocabulary, the timeline and the sources. Every response is
// checked against the published OpenAPI document. Nothing here writes to the database.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityResponseT, NeighborsResponseT } from '../../contract/entities.js';
import { entityRoute, linkRoute, neighborsRoute } from '../../contract/entities.js';
import type { GraphEdgeT, GraphNodeT, GraphPayloadT } from '../../contract/graph.js';
import { pathsRoute, type PathsResponseT } from '../../contract/paths.js';
import type { RouteSpec } from '../../contract/route.js';
import { searchRoute, type SearchResponseT } from '../../contract/search.js';
import { sourceRoute, sourcesRoute, type SourceResponseT } from '../../contract/sources.js';
import { graphRoute } from '../../contract/subgraph.js';
import { timelineRoute, type TimelineResponseT } from '../../contract/timeline.js';
import { vocabularyRoute, type VocabularyResponseT } from '../../contract/vocabulary.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver } from '../support/neo4j.js';

interface ErrorResponse {
  error: { code: string; message: string; field?: string };
}

const articleId = 'no-mercy-in-xinjiang';
// The article's ruling party: the dataset's id for "the Communist Party".
const partyId = 'chinese-communist-party';

let app: RunningServer;
let driver: Driver;
let articleText: string;

/** GETs an API path, checks the status and that the body is what the OpenAPI document promises. */
async function call<T>(spec: RouteSpec, path: string, expectedStatus = 200): Promise<T> {
  const { status, body } = await getJson<T>(`${app.url}/api${path}`);
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(expectedStatus);
  expectConforms(spec, status, body);
  return body;
}

async function cypherNumber(query: string, params: Record<string, unknown> = {}): Promise<number> {
  const { records } = await driver.executeQuery(query, params, { routing: 'READ' });
  return Number(records[0]!.get(0));
}

function search(query: string, extra = ''): Promise<SearchResponseT> {
  return call<SearchResponseT>(searchRoute, `/search?q=${encodeURIComponent(query)}${extra}`);
}

function expectVerbatim(sourceId: string, start: number, end: number, quote: string): void {
  expect(sourceId).toBe(articleId);
  expect(articleText.slice(start, end), `${sourceId} [${start}, ${end})`).toBe(quote);
}

beforeAll(async () => {
  driver = getDriver();
  app = await startTestApp();
  const source = await call<SourceResponseT>(sourceRoute, `/sources/${articleId}`);
  articleText = source.source.text;
});
afterAll(() => app.close(1_000));

describe('GET /api/search', () => {
  it('finds Chen Quanguo from a prefix of each word ("chen q")', async () => {
    const { results } = await search('chen q');
    expect(results[0]?.id).toBe('chen-quanguo');
  });

  it('tolerates a typo ("leibld" finds Leibold)', async () => {
    const { results } = await search('leibld');
    expect(results.map((r) => r.id)).toContain('james-leibold');
  });

  it('matches other spellings through aliases and says which one matched ("uyghur")', async () => {
    const { results } = await search('uyghur');
    expect(results[0]).toMatchObject({ id: 'uighurs', matched: 'Uyghur' });
  });

  it('finds an entity by its Chinese-script alias (陈全国)', async () => {
    const { results } = await search('陈全国');
    expect(results[0]).toMatchObject({ id: 'chen-quanguo', matched: '陈全国' });
  });

  it('puts an exact alias match ("Xi") before names that merely start with it (Xinjiang)', async () => {
    const { results } = await search('Xi');
    expect(results[0]?.id).toBe('xi-jinping');
    expect(results.map((r) => r.id)).toContain('xinjiang');
  });

  it('ignores case and accents', async () => {
    for (const query of ['LEIBOLD', 'Léibold', 'léib']) {
      const { results } = await search(query);
      expect(results[0]?.id, query).toBe('james-leibold');
    }
  });

  it('filters by kind and honours the limit', async () => {
    const { results } = await search('xi', '&types=Event,Document&limit=3');
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(3);
    for (const result of results) expect(['Event', 'Document']).toContain(result.kind);
    expect(results.map((r) => r.id)).not.toContain('xi-jinping');
  });

  it('treats Lucene syntax in the query as text, never as an error', async () => {
    const queries = [
      '+',
      '-',
      '&&',
      '||',
      '!',
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '^',
      '"',
      '~',
      '*',
      '?',
      ':',
      '\\',
      '/',
      'AND',
      'OR',
      'NOT',
      'chen AND',
      'OR xi',
      'NOT chen',
      '"xi',
      'xi~',
      'xi^9',
      'name:xi',
      '[a TO z]',
      '{!x}',
      'chen && || quanguo',
      '*:*',
      'leibold/',
      'chen\\',
      '+-&&||!(){}[]^"~*?:\\/',
    ];
    for (const query of queries) await search(query);
    // Operators between real words are read as words: "chen (quanguo)" is still Chen Quanguo.
    expect((await search('chen (quanguo)')).results[0]?.id).toBe('chen-quanguo');
  });

  it('answers 200 for any text a user can type', async () => {
    const lucenePieces = fc.constantFrom(
      ...'+-&|!(){}[]^"~*?:\\/ '.split(''),
      'AND',
      'OR',
      'NOT',
      'TO',
      'xi',
      '陈',
    );
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), lucenePieces), {
        minLength: 1,
        maxLength: 12,
      })
      .map((parts) => parts.join(''))
      .filter((joined) => joined.trim().length > 0 && joined.length <= 200);
    await fc.assert(
      fc.asyncProperty(text, async (query) => {
        await search(query);
      }),
      { numRuns: 150 },
    );
  });

  it('answers 400 naming the field for a bad parameter', async () => {
    const cases: [string, string][] = [
      ['/search?q=', 'q'],
      ['/search', 'q'],
      ['/search?q=xi&limit=0', 'limit'],
      ['/search?q=xi&limit=many', 'limit'],
      [`/search?q=${'x'.repeat(201)}`, 'q'],
      ['/search?q=xi&types=Persn', 'types'],
    ];
    for (const [path, field] of cases) {
      const body = await call<ErrorResponse>(searchRoute, path, 400);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.field, path).toMatch(new RegExp(`^${field}`));
      expect(body.error.message).toContain(field);
    }
  });
});

describe('GET /api/entities/:id', () => {
  it('returns the entity with its kind-specific fields only in properties', async () => {
    const { entity } = await call<EntityResponseT>(entityRoute, '/entities/chen-quanguo');
    expect(entity).toMatchObject({ id: 'chen-quanguo', name: 'Chen Quanguo', kind: 'Person' });
    expect(entity.types).toEqual(['Person', 'Official']);
    expect(entity.aliases).toContain('陈全国');
    expect(typeof entity.properties.role).toBe('string');
    for (const key of ['id', 'name', 'kind', 'aliases', 'description', 'dateStart']) {
      expect(entity.properties, key).not.toHaveProperty(key);
    }
  });

  it('keeps the article numbers with their qualifiers and dates with their precision', async () => {
    const { nodes } = await call<GraphPayloadT>(graphRoute, '/graph');
    const numbered = nodes.filter((node) =>
      Object.keys(node.properties).some((k) => k.endsWith('Qualifier')),
    );
    expect(numbered.length).toBeGreaterThan(0);
    for (const node of numbered) {
      for (const key of Object.keys(node.properties).filter((k) => k.endsWith('Qualifier'))) {
        expect(typeof node.properties[key.slice(0, -'Qualifier'.length)], `${node.id}.${key}`).toBe('number');
      }
    }
    const investigation = await call<EntityResponseT>(entityRoute, '/entities/wang-yongzhi-investigation');
    expect(investigation.entity.date).toEqual({ start: '2017', end: '2018', precision: 'year' });
  });

  it('lists mentions and relationship evidence that are verbatim in the source at their offsets', async () => {
    const { nodes } = await call<GraphPayloadT>(graphRoute, '/graph');
    let mentions = 0;
    let quotes = 0;
    for (const node of nodes) {
      const body = await call<EntityResponseT>(entityRoute, `/entities/${node.id}`);
      const starts = body.mentions.map((m) => m.start);
      expect(starts, node.id).toEqual([...starts].sort((a, b) => a - b));
      for (const mention of body.mentions) {
        expectVerbatim(mention.sourceId, mention.start, mention.end, mention.quote);
        mentions += 1;
      }
      for (const listed of body.relationships) {
        // Links past the first few come as summaries; their claims are one request away.
        const edge =
          listed.evidence.length > 0
            ? listed
            : await call<GraphEdgeT>(linkRoute, `/entities/${node.id}/links/${listed.id}`);
        expect([edge.source, edge.target], edge.id).toContain(node.id);
        expect(edge.evidence.length, edge.id).toBeGreaterThan(0);
        for (const e of edge.evidence) {
          expectVerbatim(e.sourceId, e.start, e.end, e.quote);
          quotes += 1;
        }
      }
      const ends = new Set(body.relationships.flatMap((edge) => [edge.source, edge.target]));
      ends.delete(node.id);
      expect(new Set(body.neighbors.map((n) => n.id)), node.id).toEqual(ends);
    }
    expect(mentions).toBe(await cypherNumber('MATCH (:Entity)-[m:MENTIONED_IN]->(:Source) RETURN count(m)'));
    expect(quotes).toBeGreaterThan(0);
  });

  it('names who asserts a relationship, and every asserter when there are several', async () => {
    const { relationships } = await call<EntityResponseT>(entityRoute, '/entities/uighurs');
    const attributed = relationships.filter((edge) => edge.attribution.asserters.length > 1);
    expect(attributed.length).toBeGreaterThan(0);
    for (const edge of attributed) {
      expect(edge.attribution.by).toBe(edge.attribution.asserters[0]!.id);
      for (const asserter of edge.attribution.asserters)
        expect(edge.attribution.byName).toContain(asserter.name);
    }
    const voiced = await call<GraphPayloadT>(graphRoute, '/graph?by=james-leibold');
    expect(voiced.edges.length).toBeGreaterThan(0);
    for (const edge of voiced.edges) expect(edge.attribution.byName).toBe('James Leibold');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await call<ErrorResponse>(entityRoute, '/entities/no-such-entity', 404);
    expect(missing.error.code).toBe('NOT_FOUND');
    expect(missing.error.message).toContain('no-such-entity');
    const malformed = await call<ErrorResponse>(entityRoute, '/entities/Not_An_Id', 400);
    expect(malformed.error.field).toBe('id');
  });
});

describe('GET /api/entities/:id/neighbors', () => {
  const degrees = new Map<string, number>();
  beforeAll(async () => {
    const { edges } = await call<GraphPayloadT>(graphRoute, '/graph');
    for (const edge of edges) {
      for (const end of new Set([edge.source, edge.target])) degrees.set(end, (degrees.get(end) ?? 0) + 1);
    }
  });

  function expectClosedGraph(body: GraphPayloadT): void {
    const ids = new Set(body.nodes.map((n) => n.id));
    expect(ids.size).toBe(body.nodes.length);
    for (const edge of body.edges) {
      expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
      expect(edge.type).not.toBe('MENTIONED_IN');
    }
  }

  it('shows the first N of the total, nearest first and then by degree', async () => {
    const all = await call<NeighborsResponseT>(
      neighborsRoute,
      '/entities/chen-quanguo/neighbors?depth=2&limit=500',
    );
    const firstHop = await call<NeighborsResponseT>(
      neighborsRoute,
      '/entities/chen-quanguo/neighbors?depth=1',
    );
    expect(all.nodes[0]?.id).toBe('chen-quanguo');
    expect(all.truncated).toBe(false);
    expect(all.total).toBe(all.nodes.length - 1);

    // Every direct neighbour comes before every second-hop one, each group by degree.
    const near = new Set(firstHop.nodes.slice(1).map((n) => n.id));
    const order = all.nodes.slice(1).map((n) => n.id);
    const nearCount = order.filter((id) => near.has(id)).length;
    expect(nearCount).toBe(near.size);
    expect(order.slice(0, nearCount).every((id) => near.has(id))).toBe(true);
    expect(order.length).toBeGreaterThan(nearCount);
    for (const group of [order.slice(0, nearCount), order.slice(nearCount)]) {
      const groupDegrees = group.map((id) => degrees.get(id) ?? 0);
      expect(groupDegrees).toEqual([...groupDegrees].sort((a, b) => b - a));
    }

    const page = await call<NeighborsResponseT>(
      neighborsRoute,
      '/entities/chen-quanguo/neighbors?depth=2&limit=3',
    );
    expect(page.total).toBe(all.total);
    expect(page.truncated).toBe(true);
    expect(page.nodes.map((n) => n.id)).toEqual(all.nodes.slice(0, 4).map((n) => n.id));
    expectClosedGraph(all);
    expectClosedGraph(page);
  });

  it('includes the relationships among the returned nodes but those among the outermost ring, and only entities', async () => {
    const body = await call<NeighborsResponseT>(
      neighborsRoute,
      '/entities/wang-yongzhi/neighbors?depth=2&limit=500',
    );
    expectClosedGraph(body);
    const ids = body.nodes.map((n) => n.id);
    const firstHop = await call<NeighborsResponseT>(
      neighborsRoute,
      '/entities/wang-yongzhi/neighbors?depth=1&limit=500',
    );
    // Beyond depth 1, a link whose ends are both two hops away (the outermost ring) is left out.
    const near = firstHop.nodes.map((n) => n.id);
    const among = `MATCH (a:Entity)-[r:!MENTIONED_IN]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids`;
    const expected = await cypherNumber(`${among} AND (a.id IN $near OR b.id IN $near) RETURN count(r)`, {
      ids,
      near,
    });
    expect(body.edges.length).toBe(expected);
    expect(expected).toBeLessThan(await cypherNumber(`${among} RETURN count(r)`, { ids }));
    expect(ids).not.toContain(articleId);
    // At depth 1 every link among the returned nodes is there, the neighbours' own links too.
    const all = await cypherNumber(`${among} RETURN count(r)`, { ids: near });
    expect(firstHop.edges.length).toBe(all);
  });

  it('filters neighbours by kind and by relationship type', async () => {
    const people = await call<NeighborsResponseT>(
      neighborsRoute,
      '/entities/chen-quanguo/neighbors?depth=3&types=Person',
    );
    expect(people.nodes.length).toBeGreaterThan(1);
    for (const node of people.nodes.slice(1)) expect(node.kind).toBe('Person');

    const members = await call<NeighborsResponseT>(
      neighborsRoute,
      '/entities/chen-quanguo/neighbors?depth=2&rels=MEMBER_OF',
    );
    expect(members.edges.length).toBeGreaterThan(0);
    for (const edge of members.edges) expect(edge.type).toBe('MEMBER_OF');
    expect(members.nodes.map((n) => n.id)).toContain(partyId);
  });

  it('answers 400 naming an unknown relationship type, and for bad depth or limit', async () => {
    const unknown = await call<ErrorResponse>(
      neighborsRoute,
      '/entities/chen-quanguo/neighbors?rels=MEMBER_OF,NO_SUCH_TYPE',
      400,
    );
    expect(unknown.error.field).toBe('rels');
    expect(unknown.error.message).toContain('NO_SUCH_TYPE');
    const mention = await call<ErrorResponse>(
      neighborsRoute,
      '/entities/chen-quanguo/neighbors?rels=MENTIONED_IN',
      400,
    );
    expect(mention.error.message).toContain('MENTIONED_IN');
    for (const [query, field] of [
      ['depth=4', 'depth'],
      ['depth=0', 'depth'],
      ['limit=501', 'limit'],
      ['types=Source', 'types'],
    ] as const) {
      const body = await call<ErrorResponse>(
        neighborsRoute,
        `/entities/chen-quanguo/neighbors?${query}`,
        400,
      );
      expect(body.error.field, query).toMatch(new RegExp(`^${field}`));
    }
    await call<ErrorResponse>(neighborsRoute, '/entities/no-such-entity/neighbors', 404);
  });
});

describe('GET /api/paths', () => {
  function expectWellFormed(body: PathsResponseT, from: string, to: string): void {
    const nodes = new Map(body.nodes.map((n) => [n.id, n]));
    const edges = new Map(body.edges.map((e) => [e.id, e]));
    for (const path of body.paths) {
      expect(path.nodes[0]).toBe(from);
      expect(path.nodes.at(-1)).toBe(to);
      expect(path.edges.length).toBe(path.length);
      expect(path.nodes.length).toBe(path.length + 1);
      expect(new Set(path.nodes).size, 'no entity twice').toBe(path.nodes.length);
      path.edges.forEach((edgeId, i) => {
        const edge = edges.get(edgeId)!;
        expect([edge.source, edge.target].sort()).toEqual([path.nodes[i], path.nodes[i + 1]].sort());
      });
      for (const id of path.nodes) expect(nodes.get(id)?.kind, id).toBeDefined();
    }
    const lengths = body.paths.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  }

  it('finds the shortest paths from Wang Yongzhi to Xi Jinping, one through the Communist Party', async () => {
    const body = await call<PathsResponseT>(pathsRoute, '/paths?from=wang-yongzhi&to=xi-jinping&k=10');
    expect(body.paths.length).toBeGreaterThan(0);
    expectWellFormed(body, 'wang-yongzhi', 'xi-jinping');
    expect(body.paths.some((path) => path.nodes.includes(partyId))).toBe(true);
    // The first path is as short as Neo4j's own shortestPath over entity links says.
    const shortest = await cypherNumber(
      `MATCH (a:Entity {id: 'wang-yongzhi'}), (b:Entity {id: 'xi-jinping'})
       MATCH p = shortestPath((a)-[rs*..6]-(b)) WHERE none(r IN rs WHERE r:MENTIONED_IN)
       RETURN length(p)`,
    );
    expect(body.paths[0]!.length).toBe(shortest);

    const three = await call<PathsResponseT>(pathsRoute, '/paths?from=wang-yongzhi&to=xi-jinping&k=3');
    expect(three.paths.length).toBeLessThanOrEqual(3);
    expect(three.paths.length).toBeGreaterThan(0);
  });

  it('answers an empty list when no path exists within maxHops', async () => {
    const { paths } = await call<PathsResponseT>(pathsRoute, '/paths?from=wang-yongzhi&to=xi-jinping&k=1');
    const tooFew = paths[0]!.length - 1;
    expect(tooFew).toBeGreaterThan(0);
    const body = await call<PathsResponseT>(
      pathsRoute,
      `/paths?from=wang-yongzhi&to=xi-jinping&maxHops=${tooFew}`,
    );
    expect(body).toEqual({ paths: [], nodes: [], edges: [] });
  });

  it('never walks through a source: entities linked only by being mentioned in it have no path', async () => {
    // James Leibold is linked only to his university and its city; his statements are attributions,
    // not links. Through the article's Source node he would be two hops from Wang Yongzhi.
    const sharedSource = await cypherNumber(
      `MATCH (:Entity {id: 'james-leibold'})-[:MENTIONED_IN]->(s:Source)<-[:MENTIONED_IN]-(:Entity {id: 'wang-yongzhi'})
       RETURN count(DISTINCT s)`,
    );
    expect(sharedSource).toBeGreaterThan(0);
    const body = await call<PathsResponseT>(pathsRoute, '/paths?from=james-leibold&to=wang-yongzhi&k=10');
    expect(body).toEqual({ paths: [], nodes: [], edges: [] });
  });

  it('answers 404 for an unknown end and 400 for bad parameters', async () => {
    const from = await call<ErrorResponse>(pathsRoute, '/paths?from=no-such-entity&to=xi-jinping', 404);
    expect(from.error.field).toBe('from');
    const to = await call<ErrorResponse>(pathsRoute, '/paths?from=xi-jinping&to=no-such-entity', 404);
    expect(to.error.field).toBe('to');
    for (const [query, field] of [
      ['from=xi-jinping', 'to'],
      ['from=xi-jinping&to=wang-yongzhi&maxHops=7', 'maxHops'],
      ['from=xi-jinping&to=wang-yongzhi&k=0', 'k'],
      ['from=Xi&to=wang-yongzhi', 'from'],
    ] as const) {
      const body = await call<ErrorResponse>(pathsRoute, `/paths?${query}`, 400);
      expect(body.error.field, query).toBe(field);
    }
  });
});

describe('GET /api/graph', () => {
  function expectEdgesWithinNodes(body: GraphPayloadT): void {
    const ids = new Set(body.nodes.map((n) => n.id));
    for (const edge of body.edges) expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
  }

  it('returns every entity and every link between entities, without sources or mentions', async () => {
    const body = await call<GraphPayloadT>(graphRoute, '/graph');
    expect(body.nodes.length).toBe(await cypherNumber('MATCH (e:Entity) RETURN count(e)'));
    expect(body.edges.length).toBe(
      await cypherNumber('MATCH (:Entity)-[r:!MENTIONED_IN]->(:Entity) RETURN count(r)'),
    );
    expectEdgesWithinNodes(body);
  });

  it('filters by kind, relationship type, stance and asserter', async () => {
    const people = await call<GraphPayloadT>(graphRoute, '/graph?types=Person');
    expect(people.nodes.length).toBeGreaterThan(0);
    for (const node of people.nodes) expect(node.kind).toBe('Person');
    expectEdgesWithinNodes(people);

    const located = await call<GraphPayloadT>(graphRoute, '/graph?rels=LOCATED_IN');
    expect(located.edges.length).toBe(await cypherNumber('MATCH ()-[r:LOCATED_IN]->() RETURN count(r)'));
    expect(new Set(located.nodes.map((n) => n.id))).toEqual(
      new Set(located.edges.flatMap((e) => [e.source, e.target])),
    );

    const contested = await call<GraphPayloadT>(graphRoute, '/graph?stance=claimed,denied');
    expect(contested.edges.length).toBe(
      await cypherNumber(
        `MATCH ()-[r:!MENTIONED_IN]->() WHERE r.stance IN ['claimed', 'denied'] RETURN count(r)`,
      ),
    );
    for (const edge of contested.edges) expect(['claimed', 'denied']).toContain(edge.attribution.stance);

    const rights = await call<GraphPayloadT>(graphRoute, '/graph?by=rights-groups');
    expect(rights.edges.length).toBeGreaterThan(0);
    for (const edge of rights.edges)
      expect(edge.attribution.asserters.map((a) => a.id)).toContain('rights-groups');
  });

  it('keeps links and events whose dates overlap the range, a year covering the whole year', async () => {
    const from2018 = await call<GraphPayloadT>(graphRoute, '/graph?from=2018');
    // Investigated "from 2017 to 2018": the range reaches into 2018.
    expect(from2018.nodes.map((n) => n.id)).toContain('wang-yongzhi-investigation');
    expect(from2018.nodes.map((n) => n.id)).not.toContain('xi-2014-speech');
    for (const edge of from2018.edges)
      expect((edge.date?.end ?? edge.date?.start ?? '') >= '2018').toBe(true);
    expectEdgesWithinNodes(from2018);

    // A date of precision "year" (2014) is in June 2014, too.
    const june2014 = await call<GraphPayloadT>(graphRoute, '/graph?from=2014-06&to=2014-06-30');
    expect(june2014.nodes.map((n) => n.id)).toContain('xi-2014-speech');
    expect(june2014.edges.length).toBeGreaterThan(0);
    for (const edge of june2014.edges) expect(edge.date?.start).toBe('2014');

    const before2014 = await call<GraphPayloadT>(graphRoute, '/graph?to=2013');
    expect(before2014).toEqual({ nodes: [], edges: [] });
  });

  it('answers 400 for an unknown type, a bad date or a range that ends before it starts', async () => {
    for (const [query, field] of [
      ['rels=NO_SUCH_TYPE', 'rels'],
      ['from=2018-1', 'from'],
      ['to=yesterday', 'to'],
      ['from=2018&to=2017-12', 'to'],
      ['stance=rumoured', 'stance'],
      ['by=Not_An_Id', 'by'],
    ] as const) {
      const body = await call<ErrorResponse>(graphRoute, `/graph?${query}`, 400);
      expect(body.error.field, query).toMatch(new RegExp(`^${field}`));
    }
  });
});

describe('GET /api/vocabulary and GET /api/timeline', () => {
  it('counts kinds, relationship types, stances and asserters as they are in the graph', async () => {
    const vocabulary = await call<VocabularyResponseT>(vocabularyRoute, '/vocabulary');
    const graph = await call<GraphPayloadT>(graphRoute, '/graph');
    const countBy = (items: string[]): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
      return counts;
    };
    expect(new Map(vocabulary.kinds.map((k) => [k.kind, k.count]))).toEqual(
      countBy(graph.nodes.map((n: GraphNodeT) => n.kind)),
    );
    expect(new Map(vocabulary.relationshipTypes.map((t) => [t.type, t.count]))).toEqual(
      countBy(graph.edges.map((e: GraphEdgeT) => e.type)),
    );
    expect(new Map(vocabulary.stances.map((s) => [s.stance, s.count]))).toEqual(
      countBy(graph.edges.map((e) => e.attribution.stance)),
    );
    expect(new Map(vocabulary.asserters.map((a) => [a.id, a.count]))).toEqual(
      countBy(graph.edges.flatMap((e) => e.attribution.asserters.map((a) => a.id))),
    );
    expect(vocabulary.asserters.find((a) => a.id === 'james-leibold')?.name).toBe('James Leibold');
    // The seed keeps type descriptions in the dataset file only.
    // Stored by the seed from the dataset's vocabulary.
    for (const type of vocabulary.relationshipTypes) expect(type.description, type.type).toMatch(/\w/);
    expect(vocabulary.years).toEqual({ min: '2014', max: '2018' });
  });

  it('lists dated events and links oldest first, keeping each precision and span', async () => {
    const { items } = await call<TimelineResponseT>(timelineRoute, '/timeline');
    expect(items.length).toBeGreaterThan(0);
    const starts = items.map((item) => item.date.start);
    expect(starts).toEqual([...starts].sort());
    expect(items.find((i) => i.id === 'xi-2014-speech')).toMatchObject({
      itemType: 'entity',
      kind: 'Event',
      date: { start: '2014', end: null, precision: 'year' },
    });
    expect(items.find((i) => i.id === 'wang-yongzhi-investigation')?.date).toEqual({
      start: '2017',
      end: '2018',
      precision: 'year',
    });
    const edges = items.filter((i) => i.itemType === 'edge');
    expect(edges.length).toBe(
      await cypherNumber('MATCH ()-[r:!MENTIONED_IN]->() WHERE r.dateStart IS NOT NULL RETURN count(r)'),
    );
    for (const edge of edges) expect(edge.entityIds).toHaveLength(2);
  });
});

describe('GET /api/sources', () => {
  it('lists the article with its hash and length, without its text', async () => {
    const { sources } = await call<{ sources: Record<string, unknown>[] }>(sourcesRoute, '/sources');
    const article = sources.find((s) => s.id === articleId);
    expect(article).toBeDefined();
    expect(article).not.toHaveProperty('text');
    expect(article?.length).toBe(articleText.length);
    expect(article?.contentHash).toBe(
      `sha256:${createHash('sha256').update(articleText, 'utf8').digest('hex')}`,
    );
  });

  it('returns the text with every mention span in order of its start', async () => {
    const { source, mentions } = await call<SourceResponseT>(sourceRoute, `/sources/${articleId}`);
    expect(source.text.length).toBe(source.length);
    expect(mentions.length).toBeGreaterThan(0);
    const starts = mentions.map((m) => m.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const mention of mentions) expect(source.text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(mentions.some((m) => m.curated)).toBe(true);
  });

  it('answers 404 for an unknown source', async () => {
    const body = await call<ErrorResponse>(sourceRoute, '/sources/no-such-source', 404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
});
