// Query work at a scale that takes minutes to load, against a store that is loaded once and kept:
//
//   npx tsx bench/kept-store.ts serve --dir /tmp/x --port 7731 [--scale 1000000] [--heap-mb N --page-cache-mb N]
//       starts the embedded Neo4j on the kept store (heap 4 GB, page cache 2 GB at a million, as the
//       bench), loads the synthetic corpus when the store is empty, writes the request mix of
//       bench/run.ts (requestsFor) beside it, and keeps the database up until Ctrl-C.
//   npx tsx bench/kept-store.ts measure --dir /tmp/x [--only search,paths] [--seconds 6] [--http]
//       for each endpoint: the Cypher its requests run now (through the app's use cases, recorded),
//       PROFILEd (db hits, rows), and timed through the driver with 2 connections over the same
//       mix; with --http also Trove, bare node:http and driver under the bench's load generator.
//
// So a query change is measured in seconds instead of a 20-minute bench run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { startEmbeddedNeo4j } from '../neo4j/launcher.js';
import { applySchema, loadCompiledDataset } from '../seed/src/index.js';
import { readShardedDataset } from '../seed/src/shards.js';
import { loadConfig } from '../server/src/config.js';
import { createDriver, waitForDatabase } from '../server/src/db/driver.js';
import { createLogger } from '../server/src/logger.js';
import { listen } from '../server/src/server.js';
import { benchEndpoint, recordingDriver, type BenchRequest, type CapturedQuery } from './api.js';
import { startBareServer } from './bare-server.js';
import { requestMix } from './requests.js';
import { datasetFor } from './run.js';
import { percentile } from './stats.js';
import { tmpdir } from 'node:os';

interface Connection {
  uri: string;
  password: string;
}

interface PlanNode {
  operatorType: string;
  rows: number;
  dbHits: number;
  children: PlanNode[];
}

function totalHits(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((n, child) => n + totalHits(child), 0);
}

/** The request mix of bench/run.ts, from the entities' ids and names in dataset order. */
function requestsFor(entities: readonly [string, string][], count: number): Record<string, BenchRequest[]> {
  return requestMix(
    entities.map(([id, name]) => ({ id, name })),
    count,
  );
}

async function serve(
  dir: string,
  port: number,
  scale: number,
  memory: { heapMb?: number; pageCacheMb?: number },
): Promise<void> {
  const neo = await startEmbeddedNeo4j({
    dataDir: join(dir, 'neo4j'),
    port,
    heapMb: memory.heapMb ?? (scale > 200_000 ? 4096 : 2048),
    pageCacheMb: memory.pageCacheMb ?? (scale > 200_000 ? 2048 : 1024),
    txTimeoutMs: 600_000,
    log: () => undefined,
  });
  writeFileSync(join(dir, 'connection.json'), JSON.stringify({ uri: neo.uri, password: neo.password }));
  const driver = createDriver({ uri: neo.uri, user: neo.user, password: neo.password });
  const stop = async () => {
    await driver.close();
    await neo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await waitForDatabase(driver);
  const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) AS n');
  if (Number(records[0]?.get('n') ?? 0) > 0 && !existsSync(join(dir, 'entities.json'))) {
    // A store loaded by an earlier run: the linked entities in the order they were created.
    const linked = await driver.executeQuery(
      'MATCH (e:Entity) WHERE EXISTS { (e)--() } RETURN e.id AS id, e.name AS name ORDER BY id(e)',
    );
    writeFileSync(
      join(dir, 'entities.json'),
      JSON.stringify(linked.records.map((r) => [r.get('id') as string, r.get('name') as string])),
    );
  }
  if (Number(records[0]?.get('n') ?? 0) === 0) {
    // Shard by shard: a million links never whole in memory (seed/src/shards.ts).
    const sharded = await readShardedDataset(await datasetFor(scale));
    const entities = sharded.head.data.entities
      .filter((e) => e.noMentionReason === undefined)
      .map((e) => [e.id, e.name]);
    if (Number(records[0]?.get('n') ?? 0) === 0) {
      await applySchema(driver, {
        relationshipTypes: Object.keys(sharded.head.data.vocabulary.relationshipTypes),
      });
      const t = performance.now();
      await loadCompiledDataset(driver, sharded.head, { shards: sharded.shards() });
      console.log(`loaded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    writeFileSync(join(dir, 'entities.json'), JSON.stringify(entities));
  }
  console.log(`ready at ${neo.uri} (pid ${process.pid}, JVM ${neo.pid})`);
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} p95 ${percentile(sorted, 95).toFixed(1)} max ${(sorted.at(-1) ?? 0).toFixed(1)}`;
}

async function measure(
  dir: string,
  only: string[] | null,
  seconds: number,
  http: boolean,
  count: number,
): Promise<void> {
  const connection = JSON.parse(readFileSync(join(dir, 'connection.json'), 'utf8')) as Connection;
  const entities = JSON.parse(readFileSync(join(dir, 'entities.json'), 'utf8')) as [string, string][];
  const driver = createDriver({ uri: connection.uri, user: 'neo4j', password: connection.password });
  await waitForDatabase(driver);
  const log: CapturedQuery[] = [];
  // The shedder is for a server under more load than it can take; here one request runs at a time.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_CONSOLE_MAX: '1000000',
    OVERLOAD_TARGET_MS: '600000',
    OVERLOAD_MAX_LAG_MS: '60000',
  });
  const server = await listen(
    { driver: recordingDriver(driver, log), config, logger: createLogger('silent') },
    { host: '127.0.0.1', port: 0, clientDir: join(tmpdir(), 'no-page') },
  );
  const bare = await startBareServer(driver);
  try {
    for (const [name, list] of Object.entries(requestsFor(entities, count))) {
      if (only && !only.some((o) => name.startsWith(o))) continue;
      // Capture each request's Cypher through the app, with its answer's size and the app's time.
      const replays: CapturedQuery[][] = [];
      const appMs: number[] = [];
      const bytes: number[] = [];
      for (const request of list) {
        log.length = 0;
        const t = performance.now();
        const response = await fetch(server.url + request.path, {
          method: request.method,
          headers: request.body ? { 'content-type': 'application/json' } : {},
          body: request.body,
        });
        const text = await response.text();
        appMs.push(performance.now() - t);
        if (!response.ok) throw new Error(`${request.path}: ${response.status} ${text.slice(0, 300)}`);
        bytes.push(text.length);
        replays.push([...log]);
      }
      // PROFILE: db hits and rows of each request's queries.
      const hits: number[] = [];
      const rows: number[] = [];
      for (const queries of replays) {
        let h = 0;
        let r = 0;
        for (const { query, params } of queries) {
          if (/^\s*(EXPLAIN|PROFILE)/i.test(query) || /CALL\s*\{[^}]*IN TRANSACTIONS/i.test(query)) continue;
          const result = await driver.executeQuery(`PROFILE ${query}`, params, {
            routing: neo4j.routing.READ,
          });
          const profile = result.summary.profile as unknown as PlanNode | false;
          if (profile) {
            h += totalHits(profile);
            r += profile.rows;
          }
        }
        hits.push(h);
        rows.push(r);
      }
      // The driver alone, 2 connections, over the mix, for `seconds`.
      const latencies: number[] = [];
      const deadline = performance.now() + seconds * 1000;
      let next = 0;
      await Promise.all(
        [0, 1].map(async () => {
          while (performance.now() < deadline) {
            const queries = replays[next++ % replays.length] ?? [];
            const t = performance.now();
            for (const { query, params } of queries)
              await driver.executeQuery(query, params, { routing: neo4j.routing.READ });
            latencies.push(performance.now() - t);
          }
        }),
      );
      console.log(
        `${name.padEnd(16)} driver ${stats(latencies)} ms (${latencies.length} calls) | db hits ${stats(hits).replace(/\.0/g, '')} | app once ${stats(appMs)} ms | body p50 ${(
          percentile(
            [...bytes].sort((a, b) => a - b),
            50,
          ) / 1024
        ).toFixed(1)} KB | ${(replays.reduce((n, q) => n + q.length, 0) / replays.length).toFixed(1)} q/req`,
      );
      if (http) {
        const r = await benchEndpoint(server.url, driver, log, list, { seconds, connections: 2, bare });
        console.log(
          `${''.padEnd(16)} http: Trove p50 ${r.api.p50.toFixed(1)} p95 ${r.api.p95.toFixed(1)} | bare p50 ${r.bare.p50.toFixed(1)} p95 ${r.bare.p95.toFixed(1)} | driver p50 ${r.driver.p50.toFixed(1)} p95 ${r.driver.p95.toFixed(1)} | CPU/req ${r.cpuMsPerRequest.api.toFixed(2)} vs bare ${r.cpuMsPerRequest.bare.toFixed(2)} ms`,
        );
      }
    }
  } finally {
    await bare.close();
    await server.close(1000);
    await driver.close();
  }
}

const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: '/tmp/trove-kept-store' },
    port: { type: 'string', default: '7731' },
    scale: { type: 'string', default: '1000000' },
    only: { type: 'string' },
    seconds: { type: 'string', default: '6' },
    count: { type: 'string', default: '50' },
    http: { type: 'boolean', default: false },
    // What a store of this size needs: serve the kept store with less and measure again.
    'heap-mb': { type: 'string' },
    'page-cache-mb': { type: 'string' },
  },
});
if (positionals[0] === 'serve')
  await serve(values.dir, Number(values.port), Number(values.scale), {
    heapMb: values['heap-mb'] === undefined ? undefined : Number(values['heap-mb']),
    pageCacheMb: values['page-cache-mb'] === undefined ? undefined : Number(values['page-cache-mb']),
  });
else if (positionals[0] === 'measure')
  await measure(
    values.dir,
    values.only ? values.only.split(',') : null,
    Number(values.seconds),
    values.http,
    Number(values.count),
  );
else
  console.error(
    'usage: kept-store.ts serve|measure [--dir] [--port] [--scale] [--heap-mb] [--page-cache-mb] [--only] [--seconds] [--http]',
  );
