// npx tsx bench/claims-representation.ts [--relationships 100000] [--runs 30]
//
// Measures the API's hot queries on two ways of storing claims (docs/graph-model.md, "Claims"):
//   arrays  — one relationship per statement; its claims as parallel lists on it, corroboration and
//             contest derived by the seed and stored beside them;
//   nodes   — the same relationship (for traversal, with the derived counts) plus one :Claim node per
//             claim, found by an index on the relationship id, read for every edge returned.
// A third option, claims as the only link (entity)-(claim)-(entity), is not measured: it doubles
// every hop of paths and neighbours (depth 2 becomes 4, 6 hops become 12) before any property is read.
// Both corpora live in one store, under labels EntA / EntB, so that both see the same page cache.
// Focused on the representation: not the API, not the full bench.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { startEmbeddedNeo4j } from '../neo4j/launcher.js';
import { seededRandom } from '../seed/src/random.js';

const { values } = parseArgs({
  options: {
    relationships: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    uri: { type: 'string' },
  },
});
const RELS = Number(values.relationships);
const RUNS = Number(values.runs);
const ENTITIES = Math.round(RELS / 10);
const TYPES = ['APPOINTED_TO', 'LED', 'CONCERNS', 'DETAINED_IN', 'LOCATED_IN', 'MEMBER_OF'];
const STANCES = ['reported', 'claimed', 'disputed', 'denied'];

interface Row {
  id: string;
  from: number;
  to: number;
  type: string;
  claims: { source: string; start: number; end: number; quote: string; by: string; stance: string }[];
}

function corpus(): Row[] {
  const random = seededRandom(7);
  // Heavy tail like seed/src/synthetic.ts: a few hubs, most entities with a handful of links.
  const end = (): number => Math.floor(ENTITIES * random() ** 3);
  const rows: Row[] = [];
  for (let i = 0; i < RELS; i++) {
    const from = end();
    let to = end();
    if (to === from) to = (from + 1 + Math.floor(random() * (ENTITIES - 1))) % ENTITIES;
    const n = random() < 0.7 ? 1 : random() < 0.8 ? 2 : 3;
    const claims = Array.from({ length: n }, (_, c) => {
      const start = Math.floor(random() * 5000);
      const attributed = random() < 0.3;
      return {
        source: `source-${Math.floor(random() * (RELS / 20))}`,
        start,
        end: start + 120,
        quote: `Quote ${i}.${c}: ${'a verbatim sentence of about one hundred and twenty characters '.repeat(2).slice(0, 110)}`,
        by: attributed ? `e${Math.floor(random() * ENTITIES)}` : '',
        stance: attributed ? (STANCES[Math.floor(random() * STANCES.length)] ?? 'reported') : 'reported',
      };
    });
    rows.push({ id: `r${i}`, from, to, type: TYPES[i % TYPES.length] ?? 'LED', claims });
  }
  return rows;
}

function derived(row: Row): Record<string, unknown> {
  const asserters = new Set(row.claims.map((c) => c.by).filter((b) => b !== ''));
  return {
    sourceCount: neo4j.int(new Set(row.claims.map((c) => c.source)).size),
    asserterCount: neo4j.int(asserters.size),
    contested: new Set(row.claims.map((c) => c.stance)).size > 1,
  };
}

async function batches<T>(driver: Driver, query: string, rows: readonly T[], map: (row: T) => object) {
  for (let at = 0; at < rows.length; at += 5000) {
    await driver.executeQuery(query, { rows: rows.slice(at, at + 5000).map(map) });
  }
}

async function load(driver: Driver, rows: Row[]): Promise<void> {
  for (const label of ['EntA', 'EntB']) {
    await driver.executeQuery(
      `CREATE CONSTRAINT ${label}_id IF NOT EXISTS FOR (e:${label}) REQUIRE e.id IS UNIQUE`,
    );
    await driver.executeQuery(`CREATE INDEX ${label}_kind IF NOT EXISTS FOR (e:${label}) ON (e.kind)`);
    await batches(
      driver,
      `UNWIND $rows AS row CREATE (e:${label}) SET e = row`,
      Array.from({ length: ENTITIES }, (_, i) => i),
      (i) => ({ id: `e${i}`, name: `Entity ${i}`, kind: i % 3 === 0 ? 'Person' : 'Event', description: 'x' }),
    );
  }
  await driver.executeQuery('CREATE INDEX claim_rel IF NOT EXISTS FOR (c:Claim) ON (c.relationship)');
  await driver.executeQuery('CALL db.awaitIndexes(300)');
  for (const type of TYPES) {
    const ofType = rows.filter((r) => r.type === type);
    await batches(
      driver,
      `UNWIND $rows AS row MATCH (a:EntA {id: row.from}) MATCH (b:EntA {id: row.to})
       CREATE (a)-[r:${type}]->(b) SET r = row.props`,
      ofType,
      (r) => ({
        from: `e${r.from}`,
        to: `e${r.to}`,
        props: {
          id: r.id,
          description: 'd',
          evidenceSource: r.claims.map((c) => c.source),
          evidenceStart: r.claims.map((c) => neo4j.int(c.start)),
          evidenceEnd: r.claims.map((c) => neo4j.int(c.end)),
          evidenceQuote: r.claims.map((c) => c.quote),
          claimAssertedBy: r.claims.map((c) => c.by),
          claimStance: r.claims.map((c) => c.stance),
          ...derived(r),
        },
      }),
    );
    await batches(
      driver,
      `UNWIND $rows AS row MATCH (a:EntB {id: row.from}) MATCH (b:EntB {id: row.to})
       CREATE (a)-[r:${type}]->(b) SET r = row.props
       WITH r, row UNWIND row.claims AS claim CREATE (c:Claim) SET c = claim, c.relationship = r.id`,
      ofType,
      (r) => ({
        from: `e${r.from}`,
        to: `e${r.to}`,
        props: { id: r.id, description: 'd', ...derived(r) },
        claims: r.claims.map((c) => ({ ...c, start: neo4j.int(c.start), end: neo4j.int(c.end) })),
      }),
    );
  }
}

const edgeArrays = (r: string) =>
  `{id: ${r}.id, type: type(${r}), source: startNode(${r}).id, target: endNode(${r}).id,
    sources: ${r}.evidenceSource, starts: ${r}.evidenceStart, ends: ${r}.evidenceEnd, quotes: ${r}.evidenceQuote,
    by: ${r}.claimAssertedBy, stances: ${r}.claimStance, sourceCount: ${r}.sourceCount, contested: ${r}.contested}`;
const edgeNodes = (r: string) =>
  `{id: ${r}.id, type: type(${r}), source: startNode(${r}).id, target: endNode(${r}).id,
    claims: COLLECT { MATCH (c:Claim {relationship: ${r}.id}) RETURN c {.source, .start, .end, .quote, .by, .stance} },
    sourceCount: ${r}.sourceCount, contested: ${r}.contested}`;

function queries(label: string, edge: (r: string) => string): Record<string, string> {
  return {
    'neighbours d2 limit 200': `
      MATCH (center:${label} {id: $id})
      CALL (center) {
        MATCH path = (center)-[]-{1,2}(other:${label}) WHERE other <> center
        WITH other, min(length(path)) AS distance
        WITH other, distance, COUNT { (other)--() } AS degree ORDER BY distance, degree DESC, other.id
        RETURN collect(other) AS matching
      }
      WITH center, [center] + matching[..200] AS nodes
      CALL (nodes) { UNWIND nodes AS end MATCH (end)<-[r]-(start) WHERE start IN nodes RETURN collect(${edge('r')}) AS edges }
      RETURN size(nodes) AS nodes, size(edges) AS edges`,
    'paths k3 ≤6 hops': `
      MATCH (a:${label} {id: $id}) MATCH (b:${label} {id: $other})
      MATCH path = SHORTEST 3 ((a)(()-[]-(step:${label})){1,6}(b))
      RETURN [r IN relationships(path) | ${edge('r')}] AS edges`,
    'graph contested, ≥2 sources, Person': `
      MATCH (a:${label})-[r]->(b:${label}) WHERE r.contested AND r.sourceCount >= 2 AND a.kind = 'Person' AND b.kind = 'Person'
      RETURN count(*) AS n, collect(${edge('r')})[..2000] AS edges`,
    'entity details': `
      MATCH (entity:${label} {id: $id})
      CALL (entity) { MATCH (entity)-[r]-(other:${label}) RETURN collect(${edge('r')}) AS rels, collect(DISTINCT other) AS ns }
      RETURN size(rels) AS n`,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function measure(driver: Driver, query: string, params: object): Promise<string> {
  for (let i = 0; i < 3; i++) await driver.executeQuery(query, params, { routing: 'READ' });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await driver.executeQuery(query, params, { routing: 'READ' });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trove-claims-'));
  const db = values.uri
    ? null
    : await startEmbeddedNeo4j({ dataDir, heapMb: 2048, pageCacheMb: 2048, txMemoryMb: 2048 });
  const driver = neo4j.driver(values.uri ?? db?.uri ?? '');
  try {
    const t0 = performance.now();
    const rows = corpus();
    await load(driver, rows);
    console.log(
      `${RELS} relationships, ${ENTITIES} entities per corpus, loaded both in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const hub = 'e0';
    const median = `e${Math.floor(ENTITIES / 2)}`;
    const params = { id: median, other: `e${Math.floor(ENTITIES / 3)}` };
    const hubParams = { id: hub, other: median };
    const a = queries('EntA', edgeArrays);
    const b = queries('EntB', edgeNodes);
    for (const name of Object.keys(a)) {
      for (const [who, p] of [
        ['median', params],
        ['hub', hubParams],
      ] as const) {
        if (name.startsWith('graph') && who === 'hub') continue;
        console.log(
          `${name} (${who}) | arrays ${await measure(driver, a[name] ?? '', p)} | claim nodes ${await measure(driver, b[name] ?? '', p)}`,
        );
      }
    }
    const sizes = await driver.executeQuery(
      `CALL db.stats.retrieve('GRAPH COUNTS') YIELD data RETURN [n IN data.nodes WHERE n.label IN ['EntA','EntB','Claim'] | n] AS n`,
    );
    console.log(JSON.stringify(sizes.records[0]?.get('n')));
  } finally {
    await driver.close();
    await db?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
