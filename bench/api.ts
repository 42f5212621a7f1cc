// Each endpoint under autocannon, beside the very Cypher it ran replayed through neo4j-driver (what
// HTTP and Trove add to the database's work) and beside a bare node:http server running that Cypher
// and writing the same JSON (bench/bare-server.ts: what Trove alone adds, HTTP's own cost excluded).
import neo4j, { type Driver } from 'neo4j-driver';
import type { BareServer } from './bare-server.js';
import { generateLoad } from './load-generator.js';
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
  /** The same requests against bench/bare-server.ts: the same Cypher and JSON over bare node:http. */
  bare: LatencySummary;
  driver: LatencySummary;
  roundTrips: number;
  /**
   * CPU of the serving process per answered request, Trove's and bare's: on a machine shared with
   * others, latency is mostly waiting for a core, and CPU per request is what Trove itself adds.
   */
  cpuMsPerRequest: { api: number; bare: number };
}

interface Timings {
  latencies: number[];
  seconds: number;
  errors: number;
  /** CPU time of this process (the server under load lives here) while the load ran, in ms. */
  cpuMs?: number;
}

/** Runs `work` from `connections` loops for `seconds`, timing each call. */
async function loop(
  connections: number,
  seconds: number,
  work: (i: number) => Promise<void>,
): Promise<Timings> {
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
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

function merged(parts: readonly Timings[]): LatencySummary {
  return summarize(
    parts.flatMap((part) => part.latencies),
    parts.reduce((n, part) => n + part.seconds, 0),
    parts.reduce((n, part) => n + part.errors, 0),
  );
}

export async function benchEndpoint(
  baseUrl: string,
  driver: Driver,
  log: CapturedQuery[],
  requests: readonly BenchRequest[],
  options: {
    seconds: number;
    connections: number;
    bare: BareServer;
    /** Called around each of Trove's load phases (the CPU profile covers those only). */
    onTroveLoad?: (phase: 'start' | 'stop') => Promise<void>;
  },
): Promise<EndpointResult> {
  // Capture: each request once, alone, to learn its queries (and warm both paths' caches).
  const replays: CapturedQuery[][] = [];
  for (const request of requests) {
    let response: Response;
    // A request shed under a neighbour's load (503, Retry-After) is asked again, as a client would.
    for (let attempt = 1; ; attempt += 1) {
      log.length = 0;
      response = await fetch(baseUrl + request.path, {
        method: request.method,
        headers: request.body ? { 'content-type': 'application/json' } : {},
        body: request.body,
      });
      if (response.status !== 503 || attempt === 5) break;
      await response.arrayBuffer();
      await new Promise((resume) =>
        setTimeout(resume, 1000 * Number(response.headers.get('retry-after') ?? 1)),
      );
    }
    if (!response.ok)
      throw new Error(`${request.method} ${request.path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    replays.push([...log]);
    options.bare.answer(request.method, request.path, request.body, {
      queries: [...log],
      status: response.status,
      body: JSON.parse(text) as unknown,
    });
  }
  const roundTrips = replays.reduce((n, r) => n + r.length, 0) / replays.length;

  // API and driver take turns in rounds of about two seconds, so a neighbour's load on the shared
  // machine lands on both sides of the ratio instead of on one of them.
  const rounds = Math.max(1, Math.round(options.seconds / 2));
  const seconds = options.seconds / rounds;
  const api: Timings[] = [];
  const bare: Timings[] = [];
  const direct: Timings[] = [];
  const load = async (url: string): Promise<Timings> => {
    // Forking the load generator costs this process CPU too; it is spent before the clock starts.
    const cpu = { at: process.cpuUsage() };
    const result = await generateLoad(
      { url, connections: options.connections, seconds, requests: [...requests] },
      () => {
        cpu.at = process.cpuUsage();
      },
    );
    const used = process.cpuUsage(cpu.at);
    return {
      latencies: result.latencies,
      seconds: result.duration,
      errors: result.errors,
      cpuMs: (used.user + used.system) / 1000,
    };
  };
  const trove = async (): Promise<void> => {
    await options.onTroveLoad?.('start');
    api.push(await load(baseUrl));
    await options.onTroveLoad?.('stop');
  };
  for (let round = 0; round < rounds; round += 1) {
    // Trove and bare swap places every round: whichever follows the other inherits the garbage its
    // queries left in the database's heap, which otherwise lands on one side of the ratio only.
    if (round % 2 === 0) {
      await trove();
      bare.push(await load(options.bare.url));
    } else {
      bare.push(await load(options.bare.url));
      await trove();
    }
    // A request that ran no query through the recording driver has no baseline (and no busy loop).
    if (roundTrips === 0) continue;
    direct.push(
      await loop(options.connections, seconds, async (i) => {
        for (const { query, params } of replays[i % replays.length] ?? []) {
          await driver.executeQuery(query, params, { routing: neo4j.routing.READ });
        }
      }),
    );
  }
  const cpuPerRequest = (parts: readonly Timings[]): number =>
    parts.reduce((n, part) => n + (part.cpuMs ?? 0), 0) /
    Math.max(
      1,
      parts.reduce((n, part) => n + part.latencies.length, 0),
    );
  return {
    api: merged(api),
    bare: merged(bare),
    driver: merged(direct),
    roundTrips,
    cpuMsPerRequest: { api: cpuPerRequest(api), bare: cpuPerRequest(bare) },
  };
}
