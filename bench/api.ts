// Each endpoint under autocannon, beside the very Cypher it ran replayed through neo4j-driver: the
// ratio is what Trove itself (HTTP, validation, mapping, JSON) adds to the database's work.
import autocannon from 'autocannon';
import neo4j, { type Driver } from 'neo4j-driver';
import { summarize, type LatencySummary } from './stats.js';

export interface CapturedQuery {
  query: string;
  params: Record<string, unknown>;
}

/**
 * The driver the app gets during the bench: it passes everything through and notes each query,
 * whichever API the domain uses (executeQuery, sessions, transactions), so the replay runs exactly
 * what a request ran, and the number of round trips per request shows up (no N+1).
 */
export function recordingDriver(driver: Driver, log: CapturedQuery[]): Driver {
  const note = (query: unknown, params: unknown): void => {
    if (typeof query === 'string') log.push({ query, params: (params ?? {}) as Record<string, unknown> });
  };
  const wrapRunner = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (property === 'run')
          return (...args: unknown[]) => {
            note(args[0], args[1]);
            return fn.apply(object, args);
          };
        if (property === 'beginTransaction')
          return (...args: unknown[]) => wrapRunner(fn.apply(object, args) as object);
        if (property === 'executeRead' || property === 'executeWrite') {
          return (work: (tx: object) => unknown, ...rest: unknown[]) =>
            fn.apply(object, [(tx: object) => work(wrapRunner(tx)), ...rest]);
        }
        return fn.bind(object);
      },
    });
  return new Proxy(driver, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (property === 'executeQuery')
        return (...args: unknown[]) => {
          note(args[0], args[1]);
          return fn.apply(object, args);
        };
      if (property === 'session') return (...args: unknown[]) => wrapRunner(fn.apply(object, args) as object);
      return fn.bind(object);
    },
  });
}

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface EndpointResult {
  api: LatencySummary;
  driver: LatencySummary;
  roundTrips: number;
}

/** Runs `work` from `connections` loops for `seconds`, timing each call. */
async function loop(
  connections: number,
  seconds: number,
  work: (i: number) => Promise<void>,
): Promise<LatencySummary> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await work(next++);
          latencies.push(performance.now() - t);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000, errors);
}

export async function benchEndpoint(
  baseUrl: string,
  driver: Driver,
  log: CapturedQuery[],
  requests: readonly BenchRequest[],
  options: { seconds: number; connections: number },
): Promise<EndpointResult> {
  // Capture: each request once, alone, to learn its queries (and warm both paths' caches).
  const replays: CapturedQuery[][] = [];
  for (const request of requests) {
    log.length = 0;
    const response = await fetch(baseUrl + request.path, {
      method: request.method,
      headers: request.body ? { 'content-type': 'application/json' } : {},
      body: request.body,
    });
    if (!response.ok)
      throw new Error(`${request.method} ${request.path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    replays.push([...log]);
  }
  const roundTrips = replays.reduce((n, r) => n + r.length, 0) / replays.length;

  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        duration: options.seconds,
        requests: requests.map((r) => ({
          method: r.method,
          path: r.path,
          ...(r.body ? { body: r.body, headers: { 'content-type': 'application/json' } } : {}),
        })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon's own histogram has no p95; the raw times give the same percentiles on both sides.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 400) errors += 1;
      else latencies.push(responseTime);
    });
  });
  const api = summarize(latencies, result.duration, errors + result.errors + result.timeouts);

  const driverResult = await loop(options.connections, options.seconds, async (i) => {
    for (const { query, params } of replays[i % replays.length] ?? []) {
      await driver.executeQuery(query, params, { routing: neo4j.routing.READ });
    }
  });
  return { api, driver: driverResult, roundTrips };
}
