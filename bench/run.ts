// npm run bench              the full benchmark: 10k and 100k relationships (add --scales 1000000)
// npm run bench -- --quick   10k relationships, short runs; CI runs it so the benchmark cannot rot
// npm run bench -- --no-api --no-browser --scales 200000   the loads alone (throughput, memory)
//
// Starts its own Neo4j (temp store, free port) and app (free port), measures Trove beside a baseline
// in the same run on the same data, and writes bench/results/latest.json and latest.md (a full run:
// the committed figures the README's goals table is generated from, see bench/readme.ts) or
// bench/results/quick/ (a quick run, ignored by git, so CI never replaces the full run's figures).
// Exits non-zero when something fails to run; goals that are missed are reported, not failed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format } from 'prettier';
import { clientDist } from '../client/build.js';
import { applySchema, loadCompiledDataset, totals, type CompiledDataset } from '../seed/src/index.js';
import { readShardedDataset } from '../seed/src/shards.js';
import { writeSyntheticShards } from '../seed/src/synthetic.js';
import { loadConfig } from '../server/src/config.js';
import { createDriver, waitForDatabase } from '../server/src/db/driver.js';
import { createLogger } from '../server/src/logger.js';
import { listen } from '../server/src/server.js';
import { benchEndpoint, recordingDriver, type BenchRequest, type CapturedQuery } from './api.js';
import { startBareServer } from './bare-server.js';
import { LoadProfiler } from './profile.js';
import { benchBrowser } from './browser.js';
import { benchMap } from './map.js';
import { benchImport } from './import.js';
import {
  buildPage,
  emptyStore,
  startArticleStack,
  startBenchStore,
  type ArticleStack,
  type RunningStore,
} from './page-stack.js';
import { generateLoad } from './load-generator.js';
import { rawLoad } from './raw-load.js';
import { updateReadme } from './readme.js';
import { benchResolution } from './resolution.js';
import { requestMix } from './requests.js';
import { figure, markdownTable, phaseClock, summarize, type Figure } from './stats.js';

const fullResultsDir = join(import.meta.dirname, 'results');
const quickResultsDir = join(fullResultsDir, 'quick');

/** Resident size of a process, read between phases (never while anything is timed). */
function rssMb(pid: number): number {
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

function label(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

/** The synthetic corpus of this size, sharded (seed/src/shards.ts); written once, then reused. */
export async function datasetFor(relationships: number): Promise<string> {
  const dir = join(tmpdir(), 'trove-bench', `synthetic-${relationships}-v2`);
  const file = join(dir, 'entities.json');
  if (!existsSync(file)) {
    const started = performance.now();
    await writeSyntheticShards(dir, { relationships });
    console.log(
      `  generated ${label(relationships)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return file;
}

/** Megabytes of the files below `dir`. */
function dirMb(dir: string): number {
  if (!existsSync(dir)) return Number.NaN;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes / 1048576;
}

/** Wall and CPU time (of this process) spent reading and validating shards during a load. */
interface ReadingClock {
  ms: number;
  cpuMs: number;
}

/**
 * The items of `source`, adding the time spent waiting for each (reading and validating a shard)
 * to `clock`: the load's own time is its whole time less that.
 */
async function* timed<T>(source: AsyncIterable<T>, clock: ReadingClock): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const next = await iterator.next();
    clock.ms += performance.now() - started;
    const used = process.cpuUsage(cpu);
    clock.cpuMs += (used.user + used.system) / 1000;
    if (next.done === true) return;
    yield next.value;
  }
}

/** CPU ms of this process since `since` (a process.cpuUsage()), less what reading shards took. */
function loadCpuMs(since: NodeJS.CpuUsage, reading: ReadingClock): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000 - reading.cpuMs;
}

/** Relationships first: deleting 10,000 nodes per transaction with their links overflows memory at 100k. */
function requestsFor(dataset: CompiledDataset, count: number): Record<string, BenchRequest[]> {
  return requestMix(
    dataset.data.entities.filter((e) => e.noMentionReason === undefined),
    count,
  );
}

const LATENCY_GOALS: Record<string, number> = { search: 15, 'neighbours d2': 40, 'paths ≤6 hops': 100 };

async function benchScale(
  relationships: number,
  quick: boolean,
  figures: Figure[],
  profiler?: LoadProfiler,
  api = true,
  /** Given: the store is handed over running (to the page's stack) instead of stopped. */
  handOver?: (store: RunningStore) => void,
): Promise<void> {
  const scale = label(relationships);
  console.log(`scale ${scale}`);
  const phase = phaseClock();
  const file = await datasetFor(relationships);
  const big = relationships > 200_000;
  const { neo, dataDir } = await startBenchStore({
    heapMb: big ? 4096 : quick ? 768 : 2048,
    pageCacheMb: big ? 2048 : quick ? 256 : 1024,
  });
  const driver = createDriver({ uri: neo.uri, user: neo.user, password: neo.password });
  try {
    await waitForDatabase(driver);
    // Shard by shard, as a dataset too large for memory is loaded: only the entities stay in memory.
    let t = performance.now();
    const sharded = await readShardedDataset(file);
    const dataset = sharded.head;
    const headSeconds = (performance.now() - t) / 1000;
    const types = Object.keys(dataset.data.vocabulary.relationshipTypes);
    phase('generating, starting Neo4j');
    await applySchema(driver, { relationshipTypes: types });
    phase('schema');

    // Raw and Trove take turns on the same JVM, each into an emptied store, and each keeps its best
    // round: whichever went first would otherwise pay alone for planning its queries on a cold JVM.
    // Trove goes last, so it is what the API part reads. One round at a million (minutes each).
    // Both read the same shards; the time spent reading and validating them is not the load's.
    const rounds = relationships >= 1_000_000 ? 1 : 2;
    let rawSeconds = Number.POSITIVE_INFINITY;
    let troveSeconds = Number.POSITIVE_INFINITY;
    let validateSeconds = Number.POSITIVE_INFINITY;
    let rels = 0;
    for (let round = 0; round < rounds; round++) {
      if (round > 0) await emptyStore(driver);
      let reading: ReadingClock = { ms: 0, cpuMs: 0 };
      let cpu = process.cpuUsage();
      t = performance.now();
      await rawLoad(driver, dataset, timed(sharded.shards(), reading));
      rawSeconds = Math.min(rawSeconds, (performance.now() - t - reading.ms) / 1000);
      const rawCpuMs = loadCpuMs(cpu, reading);
      await emptyStore(driver);
      reading = { ms: 0, cpuMs: 0 };
      cpu = process.cpuUsage();
      t = performance.now();
      let lastBar = t;
      const summary = await loadCompiledDataset(driver, dataset, {
        shards: timed(sharded.shards(), reading),
        onProgress: (p) => {
          if (performance.now() - lastBar < 5000) return;
          lastBar = performance.now();
          const rate = p.relationships / ((lastBar - t - reading.ms) / 1000);
          console.log(`  loading ${p.phase} ${p.done}/${p.total} (${Math.round(rate)} rel/s)`);
        },
      });
      const seconds = (performance.now() - t - reading.ms) / 1000;
      troveSeconds = Math.min(troveSeconds, seconds);
      validateSeconds = Math.min(validateSeconds, headSeconds + reading.ms / 1000);
      rels = summary.created.relationships;
      // Node's own share: planning, mapping and the driver's encoding, while the database waits.
      console.log(
        `  load round ${round + 1}: Trove ${seconds.toFixed(1)} s (${totals(summary).created} records, Node CPU ${(loadCpuMs(cpu, reading) / 1000).toFixed(1)} s), raw best ${rawSeconds.toFixed(1)} s (Node CPU ${(rawCpuMs / 1000).toFixed(1)} s); shards read and validated in ${(reading.ms / 1000).toFixed(1)} s`,
      );
    }
    figures.push(
      figure(
        'seed throughput (writes)',
        scale,
        'rel/s',
        rels / troveSeconds,
        rels / rawSeconds,
        'raw UNWIND CREATE',
        {
          text: '≥ 0.9x raw',
          met: (_t, r) => r !== null && r >= 0.9,
        },
      ),
      figure(
        'seed throughput (with validation)',
        scale,
        'rel/s',
        rels / (troveSeconds + validateSeconds),
        rels / rawSeconds,
        'raw UNWIND CREATE',
      ),
      // Peak of this process so far: generating, reading, validating and loading, both loaders.
      figure('Node max resident, loading', scale, 'MB', process.resourceUsage().maxRSS / 1024, null, '–', {
        text: '< 1024 MB at 1M',
        met: (v) => v < 1024,
      }),
      figure('store files on disk', scale, 'MB', dirMb(join(dataDir, 'data', 'databases')), null, '–'),
    );
    console.log(
      `  Node max resident ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, JVM resident ${rssMb(neo.pid).toFixed(0)} MB, store ${dirMb(join(dataDir, 'data', 'databases')).toFixed(0)} MB`,
    );
    phase('loading');
    if (!api) return;

    const log: CapturedQuery[] = [];
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_CONSOLE_MAX: '1000000',
    });
    const server = await listen(
      { driver: recordingDriver(driver, log), config, logger: createLogger('silent') },
      { host: '127.0.0.1', port: 0, clientDir: clientDist },
    );
    const bare = await startBareServer(driver);
    try {
      const requests = requestsFor(dataset, quick ? 20 : 50);
      for (const [name, list] of Object.entries(requests)) {
        const r = await benchEndpoint(server.url, driver, log, list, {
          // Two-second rounds of Trove, bare and driver in turn; one second each when quick (CI),
          // whose figures are indicative and whose run must stay under three minutes.
          seconds: quick ? 1 : 8,
          connections: 2,
          bare,
          ...(profiler
            ? { onTroveLoad: (phase) => (phase === 'start' ? profiler.start() : profiler.stop()) }
            : {}),
        });
        console.log(
          `  ${name.padEnd(18)} api p50 ${r.api.p50.toFixed(1)} p95 ${r.api.p95.toFixed(1)} ms ${r.api.rps.toFixed(0)}/s | bare p50 ${r.bare.p50.toFixed(1)} p95 ${r.bare.p95.toFixed(1)} (${(r.api.p50 / r.bare.p50).toFixed(2)}x, ${(r.api.p95 / r.bare.p95).toFixed(2)}x) | driver p50 ${r.driver.p50.toFixed(1)} p95 ${r.driver.p95.toFixed(1)} | ${r.roundTrips} queries/request | CPU/request ${r.cpuMsPerRequest.api.toFixed(2)} vs bare ${r.cpuMsPerRequest.bare.toFixed(2)} ms`,
        );
        const label = `${name} (${r.roundTrips.toFixed(0)} q/req)`;
        const goal = LATENCY_GOALS[name];
        figures.push(
          figure(`${label} p50`, scale, 'ms', r.api.p50, r.driver.p50, 'driver, same Cypher', {
            text: 'API ≤ 1.2x driver',
            met: (_t, ratio) => ratio !== null && ratio <= 1.2,
          }),
          figure(
            `${label} p95`,
            scale,
            'ms',
            r.api.p95,
            r.driver.p95,
            'driver, same Cypher',
            goal === undefined ? undefined : { text: `< ${goal} ms at 1M`, met: (v) => v < goal },
          ),
          figure(
            `${label} p50 vs bare`,
            scale,
            'ms',
            r.api.p50,
            r.bare.p50,
            'bare node:http, same Cypher and JSON',
            {
              text: 'Trove ≤ 1.1x bare',
              met: (_t, ratio) => ratio !== null && ratio <= 1.1,
            },
          ),
          figure(
            `${label} p95 vs bare`,
            scale,
            'ms',
            r.api.p95,
            r.bare.p95,
            'bare node:http, same Cypher and JSON',
            {
              text: 'Trove ≤ 1.1x bare',
              met: (_t, ratio) => ratio !== null && ratio <= 1.1,
            },
          ),
          figure(
            `${label} CPU per request`,
            scale,
            'ms',
            r.cpuMsPerRequest.api,
            r.cpuMsPerRequest.bare,
            'bare node:http, same Cypher and JSON',
          ),
          figure(`${label} p99`, scale, 'ms', r.api.p99, r.driver.p99, 'driver, same Cypher'),
          figure(`${label} requests/s`, scale, 'req/s', r.api.rps, r.driver.rps, 'driver, same Cypher'),
          // A request that fails under load is missing from the latencies above, so it is a goal of
          // its own: a fast p95 over the answers that succeeded says nothing about the ones that did not.
          figure(
            `${label} failed requests`,
            scale,
            'req',
            r.api.errors,
            r.driver.errors,
            'driver, same Cypher',
            { text: 'none fail', met: (v) => v === 0 },
          ),
        );
        if (r.api.errors > 0) console.log(`  ${name}: ${r.api.errors} errors`);
      }
      phase('endpoints');
      await benchOverload(server.url, requests, scale, figures);
      phase('overload');
    } finally {
      await bare.close();
      await server.close(1000);
    }
    figures.push(
      figure('JVM resident', scale, 'MB', rssMb(neo.pid), null, '–'),
      figure('Node resident', scale, 'MB', process.memoryUsage().rss / 1048576, null, '–'),
    );
  } finally {
    await driver.close();
    if (handOver) handOver({ neo, dataDir });
    else {
      await neo.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

/**
 * Far more connections than the machine can serve, with the product's overload settings: every
 * request must be answered (a 2xx or a fast 503 with Retry-After), none time out or lose its
 * connection. The mixed workload of every endpoint measured above.
 */
async function benchOverload(
  url: string,
  requests: Record<string, BenchRequest[]>,
  scale: string,
  figures: Figure[],
): Promise<void> {
  const connections = 400;
  const seconds = 10;
  const mixed = Object.values(requests).flatMap((list) => list.slice(0, 5));
  const r = await generateLoad({ url, connections, seconds, requests: mixed });
  const shed = summarize(r.shedLatencies, r.duration);
  const answered = Object.values(r.statuses).reduce((n, count) => n + count, 0);
  const other = Object.entries(r.statuses)
    .filter(([status]) => !/^2\d\d$|^503$/.test(status))
    .reduce((n, [, count]) => n + count, 0);
  console.log(
    `  overload ${connections} connections ${seconds} s: ${answered} answers ${JSON.stringify(r.statuses)}, ${r.timeouts} timeouts, ${r.connectionErrors} connection errors, 503 p50 ${shed.p50.toFixed(0)} p95 ${shed.p95.toFixed(0)} ms, ${r.shedWithoutRetryAfter} 503 without Retry-After`,
  );
  const name = `overload, ${connections} connections for ${seconds} s:`;
  const none = { text: 'none', met: (v: number) => v === 0 };
  figures.push(
    figure(`${name} timeouts`, scale, 'req', r.timeouts, null, '–', none),
    figure(`${name} connection errors`, scale, 'req', r.connectionErrors, null, '–', none),
    figure(
      `${name} answers neither 2xx nor 503 with Retry-After`,
      scale,
      'req',
      other + r.shedWithoutRetryAfter,
      null,
      '–',
      none,
    ),
    figure(`${name} answered 2xx`, scale, 'req', answered - (r.statuses['503'] ?? 0) - other, null, '–'),
    figure(`${name} answered 503`, scale, 'req', r.statuses['503'] ?? 0, null, '–'),
    figure(`${name} 503 p95`, scale, 'ms', shed.p95, null, '–', {
      text: '< 1500 ms',
      met: (v) => Number.isNaN(v) || v < 1500,
    }),
  );
}

/** Runs one stage of the bench and says how long it took: where the minutes of a run go. */
async function timedStage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    console.log(`bench: stage ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

interface PageStack {
  pageDir: string;
  stack: ArticleStack;
}

/** The page built (or copied when fresh, in a quick run) and served on an article-only store. */
async function startPageStack(quick: boolean, reuse?: RunningStore): Promise<PageStack> {
  const pageDir = await timedStage('page build', () => buildPage(true, quick));
  try {
    return { pageDir, stack: await timedStage('article store', () => startArticleStack(pageDir, reuse)) };
  } catch (error) {
    await rm(pageDir, { recursive: true, force: true });
    throw error;
  }
}

/** The page on the article's graph, and Cytoscape at 1k–20k elements. */
async function browserStage(quick: boolean, figures: Figure[], reuse?: RunningStore): Promise<void> {
  console.log('page');
  const { pageDir, stack } = await startPageStack(quick, reuse);
  try {
    try {
      figures.push(...(await timedStage('page', () => benchBrowser(stack.url, quick))));
      figures.push(...(await timedStage('map', () => benchMap(stack.url, quick))));
      // The import on the article's graph (its names are the known entities a new article mentions).
      console.log('import');
      figures.push(...(await timedStage('import', () => benchImport(stack.url, quick))));
    } finally {
      await stack.close();
    }
  } finally {
    await rm(pageDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: 'boolean', default: false },
      scales: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      // The loads only, for work on loading and memory: no API part, no page, no README update.
      'no-api': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const scales = (values.scales ?? (quick ? '10000' : '10000,100000'))
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const started = performance.now();
  const figures: Figure[] = [];
  // A scale that fails to run (memory at a million, say) is reported; the others still count.
  const failures: string[] = [];
  const profiler = values.profile === true ? new LoadProfiler() : undefined;
  await profiler?.open();
  // A quick run's page uses the last scale's Neo4j, emptied, instead of starting a JVM of its own.
  let handedOver: RunningStore | undefined;
  const browser = values['no-browser'] !== true;
  for (const [index, scale] of scales.entries()) {
    const handOver =
      quick && browser && index === scales.length - 1
        ? (store: RunningStore) => (handedOver = store)
        : undefined;
    try {
      await timedStage(`scale ${label(scale)}`, () =>
        benchScale(scale, quick, figures, profiler, values['no-api'] !== true, handOver),
      );
    } catch (error) {
      failures.push(`${label(scale)}: ${(error as Error).message}`);
      console.error(`bench: scale ${label(scale)} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
  try {
    if (values['no-api'] !== true)
      figures.push(...(await timedStage('resolution', () => Promise.resolve(benchResolution(quick)))));
  } catch (error) {
    failures.push(`resolution: ${(error as Error).message}`);
  }
  if (browser) await browserStage(quick, figures, handedOver);
  const seconds = (performance.now() - started) / 1000;
  // A load-only run is no full run either: the committed figures stay.
  const resultsDir = quick || values['no-api'] === true ? quickResultsDir : fullResultsDir;
  await mkdir(resultsDir, { recursive: true });
  const meta = {
    mode: quick ? 'quick' : 'full',
    scales,
    seconds,
    node: process.version,
    date: new Date().toISOString(),
  };
  // Formatted as the repository's prettier check expects, so a committed result passes `npm run lint`.
  await writeFile(
    join(resultsDir, 'latest.json'),
    await format(JSON.stringify({ ...meta, figures }), { parser: 'json' }),
  );
  if (profiler) {
    await profiler.write(join(resultsDir, 'profile.md'));
    console.log(`bench: CPU profile of Trove under load: ${join(resultsDir, 'profile.md')}`);
  }
  const table = markdownTable(figures);
  const goals = markdownTable(figures.filter((f) => f.goal !== undefined));
  await writeFile(
    join(resultsDir, 'latest.md'),
    `<!-- written by npm run bench (${meta.mode}, ${meta.date}) -->\n\n## Goals\n\n${goals}\n\n## Every figure\n\n${table}\n`,
  );
  console.log(
    `\n${table}\n\nbench: ${meta.mode} run of ${scales.map(label).join(', ')} in ${seconds.toFixed(0)} s, written to ${resultsDir}`,
  );
  // Only a full run is what the README quotes; its goals table is regenerated from latest.json.
  if (!quick && values['no-api'] !== true) console.log(`bench: ${await updateReadme()}`);
  for (const failure of failures) console.error(`bench: failed to run ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

// Run as `npm run bench`, not when another bench tool imports its parts (bench/import-alone.ts).
if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  }
}
