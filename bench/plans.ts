// npx tsx bench/plans.ts [--scale 100000] [--uri bolt://…]
//
// The query plan of every API query the bench measures: runs each request once through the app
// (in this process, with the recording driver of bench/api.ts), PROFILEs the Cypher it ran, and
// writes the operators (rows, db hits, details) to bench/results/plans.md. Scans of all nodes or of
// a whole label are flagged: every query should start from an index. Without --uri it starts its own
// Neo4j and loads the synthetic dataset of the scale, as the bench does.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../neo4j/launcher.js';
import { applySchema, loadCompiledDataset } from '../seed/src/index.js';
import { readShardedDataset } from '../seed/src/shards.js';
import { loadConfig } from '../server/src/config.js';
import { createDriver, waitForDatabase } from '../server/src/db/driver.js';
import { createLogger } from '../server/src/logger.js';
import { listen } from '../server/src/server.js';
import { MENTIONED_IN } from '../model/index.js';
import { recordingDriver, type CapturedQuery } from './api.js';
import { datasetFor } from './run.js';

interface PlanNode {
  operatorType: string;
  rows: number;
  dbHits: number;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

const SCANS = /^(AllNodesScan|NodeByLabelScan|UndirectedAllRelationshipsScan|DirectedAllRelationshipsScan)/;

function operatorLines(plan: PlanNode, depth = 0): string[] {
  const details = typeof plan.arguments.Details === 'string' ? plan.arguments.Details : '';
  const short = details.replace(/\s+/g, ' ').slice(0, 110);
  const flag = SCANS.test(plan.operatorType) ? ' ⚠ scan' : '';
  const line = `${'  '.repeat(depth)}${plan.operatorType.replace(/@neo4j$/, '')}  rows ${plan.rows}, db hits ${plan.dbHits}${short ? `  ${short}` : ''}${flag}`;
  return [line, ...plan.children.flatMap((child) => operatorLines(child, depth + 1))];
}

function totalHits(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((n, child) => n + totalHits(child), 0);
}

function scans(plan: PlanNode): string[] {
  return [...(SCANS.test(plan.operatorType) ? [plan.operatorType] : []), ...plan.children.flatMap(scans)];
}

/** Entities to ask about: the one of median degree and the busiest hub. */
async function sampleEntities(driver: Driver): Promise<{ median: string; hub: string; other: string }> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Entity) WITH e, COUNT { (e)--() } - COUNT { (e)-[:${MENTIONED_IN}]->() } AS degree
     WHERE degree > 0
     WITH e, degree ORDER BY degree, e.id
     WITH collect(e.id) AS ids
     RETURN ids[size(ids) / 2] AS median, ids[-1] AS hub, ids[size(ids) / 3] AS other`,
    {},
    { routing: neo4j.routing.READ },
  );
  const record = records[0];
  if (!record) throw new Error('no entities');
  return {
    median: record.get('median') as string,
    hub: record.get('hub') as string,
    other: record.get('other') as string,
  };
}

async function entityName(driver: Driver, id: string): Promise<string> {
  const { records } = await driver.executeQuery('MATCH (e:Entity {id: $id}) RETURN e.name AS name', { id });
  return String(records[0]?.get('name') ?? id);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { scale: { type: 'string', default: '100000' }, uri: { type: 'string' } },
  });
  const scale = Number(values.scale);
  let neo: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = values.uri;
  if (uri === undefined) {
    await datasetFor(scale);
    dataDir = await mkdtemp(join(tmpdir(), 'trove-plans-neo4j-'));
    neo = await startEmbeddedNeo4j({
      dataDir,
      port: 0,
      heapMb: 2048,
      pageCacheMb: 1024,
      txTimeoutMs: 600_000,
      log: () => undefined,
    });
    uri = neo.uri;
  }
  const driver = createDriver({
    uri,
    user: 'neo4j',
    password: neo?.password ?? process.env.NEO4J_PASSWORD ?? '',
  });
  try {
    await waitForDatabase(driver);
    if (neo) {
      const sharded = await readShardedDataset(await datasetFor(scale));
      await applySchema(driver, {
        relationshipTypes: Object.keys(sharded.head.data.vocabulary.relationshipTypes),
      });
      console.log('loading…');
      await loadCompiledDataset(driver, sharded.head, { shards: sharded.shards() });
    }
    const { median, hub, other } = await sampleEntities(driver);
    const name = await entityName(driver, median);
    const prefix = name.slice(0, Math.max(4, name.length - 3));
    const requests: [string, string][] = [
      ['search', `/api/search?q=${encodeURIComponent(prefix)}`],
      ['entity (median degree)', `/api/entities/${median}`],
      ['entity (hub)', `/api/entities/${hub}`],
      ['neighbours d1', `/api/entities/${median}/neighbors?depth=1&limit=200`],
      ['neighbours d2 (median degree)', `/api/entities/${median}/neighbors?depth=2&limit=200`],
      ['neighbours d2 (hub)', `/api/entities/${hub}/neighbors?depth=2&limit=200`],
      ['neighbours d2, one type', `/api/entities/${median}/neighbors?depth=2&limit=200&rels=DETAINED_IN`],
      ['paths ≤6 hops', `/api/paths?from=${median}&to=${other}&maxHops=6`],
      ['graph (filtered)', '/api/graph?types=Facility,Group&rels=DETAINED_IN&from=2016&to=2016'],
    ];

    const log: CapturedQuery[] = [];
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000' });
    const server = await listen(
      { driver: recordingDriver(driver, log), config, logger: createLogger('silent') },
      { host: '127.0.0.1', port: 0 },
    );
    const sections: string[] = [];
    try {
      for (const [label, path] of requests) {
        log.length = 0;
        const response = await fetch(server.url + path);
        const bytes = (await response.arrayBuffer()).byteLength;
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        const captured = [...log];
        for (const [index, { query, params }] of captured.entries()) {
          // Twice: the first run plans and warms the page cache; the second is the one shown.
          await driver.executeQuery(`PROFILE ${query}`, params, { routing: neo4j.routing.READ });
          const { summary } = await driver.executeQuery(`PROFILE ${query}`, params, {
            routing: neo4j.routing.READ,
          });
          const plan = summary.profile as unknown as PlanNode;
          const found = scans(plan);
          sections.push(
            [
              `### ${label}${captured.length > 1 ? ` (query ${index + 1} of ${captured.length})` : ''}`,
              '',
              `\`GET ${path}\`: ${captured.length} quer${captured.length === 1 ? 'y' : 'ies'}, response ${(bytes / 1024).toFixed(0)} KB; ` +
                `${totalHits(plan)} db hits in all, ${summary.resultAvailableAfter.toNumber() + summary.resultConsumedAfter.toNumber()} ms in the database (profiled)` +
                `${found.length > 0 ? `; scans: ${found.join(', ')}` : '; no label or all-node scan'}.`,
              '',
              '```',
              ...operatorLines(plan),
              '```',
              '',
            ].join('\n'),
          );
          console.log(
            `${label}: ${totalHits(plan)} db hits${found.length > 0 ? ` (${found.join(', ')})` : ''}`,
          );
        }
      }
    } finally {
      await server.close(1000);
    }
    const resultsDir = join(import.meta.dirname, 'results');
    await mkdir(resultsDir, { recursive: true });
    await writeFile(
      join(resultsDir, 'plans.md'),
      `<!-- written by bench/plans.ts (${scale} relationships, ${new Date().toISOString()}) -->\n\n` +
        `# Query plans at ${scale} relationships\n\nEntities asked about: ${median} (median degree), ${hub} (busiest hub).\n\n${sections.join('\n')}`,
    );
    console.log(`wrote ${join(resultsDir, 'plans.md')}`);
  } finally {
    await driver.close();
    await neo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`plans failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
