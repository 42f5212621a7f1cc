import type { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { articleWorkload } from '../support/workload.js';

// A mixed workload from autocannon against the real app and database on 127.0.0.1, for a fixed time
// at each concurrency. Zero errors is asserted; latencies are recorded, not asserted; the heap after
// two identical runs is compared to catch a leak.

const seconds = 4;

const workload: autocannon.Request[] = articleWorkload.map((r) => ({
  method: r.method,
  path: r.path,
  ...(r.body ? { body: r.body, headers: { 'content-type': 'application/json' } } : {}),
}));

interface Run {
  connections: number;
  seconds: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 503 OVERLOADED: load shed on purpose (server/src/http/overload.ts), not a failure. */
  shed: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  requestsPerSecond: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function run(url: string, connections: number): Promise<Run> {
  const times: number[] = [];
  let shed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, requests: workload }, (error, done) =>
      error ? reject(error as Error) : resolve(done),
    );
    // autocannon's histogram has no p95, so the raw response times are kept.
    (instance as unknown as EventEmitter).on('response', (...args: unknown[]) => {
      times.push(Number(args[3]));
      if (Number(args[1]) === 503) shed += 1;
    });
  });
  times.sort((a, b) => a - b);
  return {
    connections,
    seconds,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx - shed,
    shed,
    latencyMs: {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: times.at(-1) ?? 0,
    },
    requestsPerSecond: Math.round(result.requests.average),
  };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function settledHeapMb(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

describe('load: a mixed workload', () => {
  let app: RunningServer;
  const runs: Run[] = [];
  const heapMb: number[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close(1_000);
    mkdirSync('test-results', { recursive: true });
    const figures = { workload: workload.map((r) => `${r.method} ${r.path}`), runs, heapMbAfterRuns: heapMb };
    writeFileSync(join('test-results', 'load.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`load: ${JSON.stringify(figures)}`);
  });

  it.each([50, 200])(
    'serves %i concurrent connections with zero errors',
    async (connections) => {
      const result = await run(app.url, connections);
      runs.push(result);
      expect(result.requests).toBeGreaterThan(0);
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
    },
    60_000,
  );

  it('does not grow its memory between two runs of the same workload', async () => {
    // The runs above warmed every cache; two more identical runs should end at the same heap.
    runs.push(await run(app.url, 50));
    heapMb.push(await settledHeapMb());
    runs.push(await run(app.url, 50));
    heapMb.push(await settledHeapMb());
    expect(runs.slice(-2).map((r) => r.errors + r.non2xx)).toEqual([0, 0]);
    // Thousands of requests ran in between: a per-request leak of even a kilobyte would show.
    expect(heapMb[1]! - heapMb[0]!).toBeLessThan(10);
  }, 60_000);
});
