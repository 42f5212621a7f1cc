import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  coMentionsTemplate,
  eventsTemplate,
  fillTemplate,
  neighbourhoodTemplate,
  shortestChainTemplate,
  sourceSaysTemplate,
  templates,
  whoAssertsTemplate,
  type QueryTemplate,
} from '../../client/src/templates/templates.js';
import { cypherRoute, type CypherResponseT } from '../../contract/cypher.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver } from '../support/neo4j.js';

type Row = Record<string, unknown>;
interface PlainNode {
  kind: 'node';
  labels: string[];
  properties: Record<string, unknown>;
}
interface PlainRelationship {
  kind: 'relationship';
  type: string;
  properties: Record<string, unknown>;
}
interface PlainPath {
  kind: 'path';
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

let app: RunningServer;
let articleText: string;

/** Runs a template the way the workbench will: fillTemplate, then POST /api/cypher. */
async function run(
  template: QueryTemplate,
  values: Record<string, unknown>,
): Promise<{ body: CypherResponseT; rows: Row[] }> {
  const { query, params } = fillTemplate(template, values);
  const { status, body } = await getJson<CypherResponseT>(`${app.url}/api/cypher`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, params }),
  });
  expectConforms(cypherRoute, status, body);
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.summary).toMatchObject({ queryType: 'r', truncated: false });
  const rows = body.rows.map((row) => Object.fromEntries(body.columns.map((column, i) => [column, row[i]])));
  return { body, rows };
}

beforeAll(async () => {
  app = await startTestApp();
  const { records } = await getDriver().executeQuery(
    "MATCH (s:Source {id: 'no-mercy-in-xinjiang'}) RETURN s.text AS text",
    {},
    { routing: 'READ' },
  );
  articleText = String(records[0]!.get('text'));
});
afterAll(() => app.close(1_000));

describe('query templates through POST /api/cypher', () => {
  it('every template runs read-only in the console with its defaults', async () => {
    for (const template of templates) {
      const { rows } = await run(template, {});
      expect(rows.length, template.id).toBeGreaterThan(0);
    }
  });

  describe('everything within N hops', () => {
    it('around Chen Quanguo at 1 hop: Xinjiang, the party and his other direct links, and nothing farther', async () => {
      const { rows, body } = await run(neighbourhoodTemplate, { x: 'chen-quanguo', hops: 1 });
      expect(rows[0]).toMatchObject({ id: 'chen-quanguo', hops: 0 });
      const ids = rows.map((row) => row.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'xinjiang',
          'chinese-communist-party',
          'xi-speeches-distributed-by-chen',
          'officials-urged-by-chen',
        ]),
      );
      expect(ids).not.toContain('wang-yongzhi');
      expect(rows.every((row) => row.hops === 0 || row.hops === 1)).toBe(true);
      expect(body.graph.nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
    });

    it('lists every relationship among the entities reached exactly once, and the graph holds all of them', async () => {
      const { rows, body } = await run(neighbourhoodTemplate, { x: 'chen-quanguo', hops: 2 });
      const ids = rows.map((row) => String(row.id));
      const listed = rows.flatMap((row) =>
        (row.relationships as PlainRelationship[]).map((rel) => String(rel.properties.id)),
      );
      const { records } = await getDriver().executeQuery(
        `MATCH (a:Entity)-[r:!MENTIONED_IN]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN r.id AS id`,
        { ids },
        { routing: 'READ' },
      );
      const induced = records.map((record) => String(record.get('id'))).sort();
      expect([...listed].sort()).toEqual(induced);
      expect(body.graph.edges.map((edge) => edge.id).sort()).toEqual(induced);
    });

    it('reaches Wang Yongzhi through the party at 2 hops, never through the article', async () => {
      const { rows } = await run(neighbourhoodTemplate, { x: 'chen-quanguo', hops: 2 });
      expect(rows.find((row) => row.id === 'wang-yongzhi')).toMatchObject({ hops: 2 });
      expect(rows.some((row) => (row.entity as PlainNode).labels.includes('Source'))).toBe(false);
      const { rows: three } = await run(neighbourhoodTemplate, { x: 'chen-quanguo', hops: 3 });
      expect(three.length).toBeGreaterThan(rows.length);
      expect(Math.max(...three.map((row) => Number(row.hops)))).toBe(3);
    });
  });

  describe('who asserts what', () => {
    it('about the internment camps: China claims and denies, rights groups and foreign media report', async () => {
      const { rows } = await run(whoAssertsTemplate, { x: 'internment-camps' });
      const claims = rows.map((row) => `${String(row.asserterId)} ${String(row.stance)} ${String(row.type)}`);
      expect(claims).toEqual(
        expect.arrayContaining([
          'chinese-government claimed DESCRIBED',
          'chinese-government denied OPERATES',
          'rights-groups reported DESCRIBED',
          'foreign-media reported DESCRIBED',
        ]),
      );
      expect(rows.find((row) => row.asserterId === 'chinese-government')).toMatchObject({
        asserter: 'Chinese government',
      });
      expect(rows.find((row) => row.asserterId === 'rights-groups')).toMatchObject({
        asserter: 'Human rights groups',
      });
      // What the article states in its own voice is listed too, after the attributed claims.
      const own = rows.findIndex((row) => row.asserterId === null);
      expect(own).toBeGreaterThan(0);
      expect(
        rows.slice(own).every((row) => row.asserterId === null && row.asserter === 'the source itself'),
      ).toBe(true);
    });

    it('about Chen Quanguo: James Leibold reports that party dissenters want him held accountable', async () => {
      const { rows, body } = await run(whoAssertsTemplate, { x: 'chen-quanguo' });
      expect(rows[0]).toMatchObject({
        asserter: 'James Leibold',
        asserterId: 'james-leibold',
        stance: 'reported',
        type: 'SEEKS_ACCOUNTABILITY_FROM',
        object: 'Chen Quanguo',
      });
      const edge = body.graph.edges.find(
        (e) => e.id === 'party-dissenters-seeks-accountability-from-chen-quanguo',
      );
      expect(edge?.attribution).toMatchObject({
        by: 'james-leibold',
        byName: 'James Leibold',
        stance: 'reported',
      });
    });
  });

  describe('the shortest chain', () => {
    it('between Chen Quanguo and Xi Jinping is two steps, through Xi’s speeches among others', async () => {
      const { rows } = await run(shortestChainTemplate, { x: 'chen-quanguo', y: 'xi-jinping' });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const path = row.path as PlainPath;
        expect(row.hops).toBe(2);
        expect(path.nodes[0]!.properties.id).toBe('chen-quanguo');
        expect(path.nodes.at(-1)!.properties.id).toBe('xi-jinping');
        expect(path.nodes.every((n) => n.labels.includes('Entity'))).toBe(true);
      }
      expect(rows.map((row) => row.chain)).toContainEqual([
        'Chen Quanguo',
        "Xi Jinping's speeches distributed by Chen Quanguo",
        'Xi Jinping',
      ]);
      expect(rows.map((row) => row.via)).toContainEqual(['DISTRIBUTED', 'AUTHORED']);
    });

    it('between Wang Yongzhi and Xi Jinping exists, ignoring direction', async () => {
      const { rows, body } = await run(shortestChainTemplate, { x: 'wang-yongzhi', y: 'xi-jinping' });
      expect(rows.length).toBeGreaterThan(0);
      // As short as the database's own shortest path through entities, whatever the dataset holds.
      const { records } = await getDriver().executeQuery(
        `MATCH (a:Entity {id: 'wang-yongzhi'}), (b:Entity {id: 'xi-jinping'})
         MATCH p = shortestPath((a)-[rs*..10]-(b)) WHERE none(r IN rs WHERE r:MENTIONED_IN)
         RETURN length(p) AS hops`,
        {},
        { routing: 'READ' },
      );
      const shortest = Number(records[0]!.get('hops'));
      expect(shortest).toBeGreaterThan(1);
      expect(new Set(rows.map((row) => row.hops))).toEqual(new Set([shortest]));
      expect(body.graph.nodes.map((n) => n.id)).toEqual(
        expect.arrayContaining(['wang-yongzhi', 'xi-jinping']),
      );
      expect(body.graph.edges.length).toBeGreaterThanOrEqual(shortest);
    });
  });

  describe('events by year', () => {
    it('for Chen Quanguo: his 2016 appointment first, as a year, then the undated events', async () => {
      const { rows } = await run(eventsTemplate, { x: 'chen-quanguo' });
      expect(rows[0]).toMatchObject({
        year: 2016,
        dateStart: '2016',
        dateEnd: null,
        precision: 'year',
        name: 'Appointment of Chen Quanguo as party chief in Xinjiang',
      });
      expect(rows.slice(1).map((row) => row.name)).toEqual(
        expect.arrayContaining(["Chen Quanguo's policies in Tibet", 'Xinjiang crackdown']),
      );
      expect(rows.slice(1).every((row) => row.year === null)).toBe(true);
      expect(rows.every((row) => (row.event as PlainNode).labels.includes('Event'))).toBe(true);
    });

    it('for Wang Yongzhi: the investigation as the range 2017 to 2018', async () => {
      const { rows } = await run(eventsTemplate, { x: 'wang-yongzhi' });
      expect(rows[0]).toMatchObject({ year: 2017, dateStart: '2017', dateEnd: '2018', precision: 'year' });
    });
  });

  describe('entities mentioned in the same sentences', () => {
    it('as Chen Quanguo: Xi Jinping in two sentences, Tibet and the party in one, Wang Yongzhi in none', async () => {
      const { rows } = await run(coMentionsTemplate, { x: 'chen-quanguo' });
      expect(rows[0]).toMatchObject({ id: 'xi-jinping', sharedSentences: 2 });
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const id of [
        'tibet',
        'chinese-communist-party',
        'xinjiang',
        'internment-camps',
        'officials-urged-by-chen',
      ]) {
        expect(byId.get(id), id).toMatchObject({ sharedSentences: 1 });
      }
      // Wang is in the article, but never in a sentence with Chen; nor is the United States.
      expect(byId.has('wang-yongzhi')).toBe(false);
      expect(byId.has('united-states')).toBe(false);
      expect(byId.has('chen-quanguo')).toBe(false);
    });

    it('gives each sentence with its exact offsets in the source, within one paragraph', async () => {
      const { rows } = await run(coMentionsTemplate, { x: 'chen-quanguo' });
      const sentences = rows.flatMap(
        (row) =>
          row.sentences as {
            sourceId: string;
            start: number;
            end: number;
            sentence: string;
            mentionedAs: string[];
          }[],
      );
      expect(sentences.length).toBeGreaterThan(0);
      for (const s of sentences) {
        expect(s.sourceId).toBe('no-mercy-in-xinjiang');
        expect(articleText.slice(s.start, s.end)).toBe(s.sentence);
        expect(s.sentence).not.toMatch(/\n/);
        expect(s.sentence).toMatch(/^\S/);
        for (const mention of s.mentionedAs) expect(s.sentence).toContain(mention);
      }
      // The paragraph on Chen's speeches holds two sentences; Tibet is only in the second.
      const tibet = rows.find((row) => row.id === 'tibet')!.sentences as { sentence: string }[];
      expect(tibet.map((s) => s.sentence)).toEqual([
        'Reputed within the party for his handling of minority groups, Chen earlier led iron-fisted policies aimed at “crushing” dissent in Tibet.',
      ]);
      const xi = rows.find((row) => row.id === 'xi-jinping')!.sentences as { sentence: string }[];
      expect(xi.map((s) => s.sentence)[0]).toBe(
        'Chen distributed Xi’s speeches to justify the “crackdowns” and urged officials to “round up everyone who should be rounded up.”',
      );
    });
  });

  describe('what the source says', () => {
    it('about Chen Quanguo: evidence quotes and mentions, verbatim at their offsets, in reading order', async () => {
      const { rows } = await run(sourceSaysTemplate, { x: 'chen-quanguo' });
      for (const row of rows) {
        expect(row.sourceId).toBe('no-mercy-in-xinjiang');
        expect(articleText.slice(Number(row.start), Number(row.end))).toBe(row.quote);
      }
      const starts = rows.map((row) => Number(row.start));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      const speeches = rows.find((row) => row.kind === 'evidence' && row.start === 1693);
      expect(speeches).toMatchObject({
        end: 1751,
        quote: 'Chen distributed Xi’s speeches to justify the “crackdowns”',
      });
      expect([...(speeches!.types as string[])].sort()).toEqual(['DISTRIBUTED', 'JUSTIFIED']);
      expect(rows).toContainEqual(
        expect.objectContaining({
          kind: 'mention',
          start: 1647,
          end: 1664,
          quote: 'a new party chief',
          types: [],
        }),
      );
      expect(rows).toContainEqual(
        expect.objectContaining({ kind: 'mention', quote: 'Chen Quanguo', start: 3845 }),
      );
      // Every relationship touching Chen has its evidence here.
      const { records } = await getDriver().executeQuery(
        `MATCH (:Entity {id: 'chen-quanguo'})-[r:!MENTIONED_IN]-(:Entity) RETURN sum(size(r.evidenceQuote)) AS quotes`,
        {},
        { routing: 'READ' },
      );
      const evidenceQuotes = rows
        .filter((row) => row.kind === 'evidence')
        .reduce((sum, row) => sum + (row.relationships as unknown[]).length, 0);
      expect(evidenceQuotes).toBe(Number(records[0]!.get('quotes')));
    });
  });
});
