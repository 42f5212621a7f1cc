import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Driver } from 'neo4j-driver';
import type { CypherResponseT } from '../../../contract/cypher.js';
import { AppError, type ErrorCode } from '../http/errors.js';
import { runConsoleQuery, type ConsoleLimits } from './query.js';

/** Runs console queries; the route does not know whether on this thread or another. */
export interface ConsoleRunner {
  run(
    query: string,
    params: Record<string, unknown>,
    limits: ConsoleLimits,
    signal?: AbortSignal,
  ): Promise<CypherResponseT>;
  close(): Promise<void>;
}

export interface ConsoleConnection {
  uri: string;
  user: string;
  password: string;
}

export type ToWorker =
  | {
      type: 'run';
      id: number;
      query: string;
      params: Record<string, unknown>;
      limits: ConsoleLimits;
    }
  | { type: 'abort'; id: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: CypherResponseT }
  | {
      type: 'failed';
      id: number;
      error: { status: number; code: ErrorCode; message: string; details?: Record<string, unknown> };
    };

/** On the app's own thread and driver: for callers that measure the driver's queries (the bench). */
export function inProcessConsole(driver: Driver): ConsoleRunner {
  return {
    run: (query, params, limits, signal) => runConsoleQuery(driver, query, params, limits, signal),
    close: () => Promise.resolve(),
  };
}

interface Job {
  resolve(result: CypherResponseT): void;
  reject(error: AppError): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  /** Settles when the thread has loaded and can take queries (or has failed to). */
  ready: Promise<void>;
  loaded: boolean;
  exited: boolean;
}

export interface ConsoleWorkersOptions {
  /** Threads, each with its own driver; a query that holds one does not hold the others. */
  threads?: number;
  /** Past the query timeout, how long a thread may stay busy before it is stopped and replaced. */
  graceMs?: number;
  /** Heap of one thread: a result that needs more ends that thread's queries, not the server. */
  heapMb?: number;
  /** Told when a thread fails or is stopped, for the log. */
  onIncident?: (what: string) => void;
  /**
   * Queries one thread holds at once (running or waiting its turn); beyond, on every thread, a new
   * query is answered 503 at once rather than waiting behind the others into the client's timeout.
   */
  maxJobsPerThread?: number;
}

const workerFile = new URL('./worker.ts', import.meta.url);
// The ESM build of tsx's API: its CommonJS build registers hooks by a path that does not exist.
const tsxApi = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href;

/**
 * Console queries on worker threads. A thread that overruns the query timeout by `graceMs` (a value
 * still being decoded after Neo4j's own timeout) or runs out of heap is ended and replaced; its
 * queries answer 504 or 422 and the rest of the server never notices.
 */
export class ConsoleWorkers implements ConsoleRunner {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private readonly threads: number;
  private readonly graceMs: number;
  private readonly heapMb: number;
  private readonly onIncident: (what: string) => void;
  private readonly maxJobsPerThread: number;

  constructor(
    private readonly connection: ConsoleConnection,
    options: ConsoleWorkersOptions = {},
  ) {
    this.threads = options.threads ?? 2;
    this.graceMs = options.graceMs ?? 5_000;
    this.heapMb = options.heapMb ?? 512;
    this.onIncident = options.onIncident ?? (() => undefined);
    this.maxJobsPerThread = options.maxJobsPerThread ?? 4;
    for (let i = 0; i < this.threads; i++) this.slots.push(this.spawn());
  }

  /** Resolves once every thread has loaded; a query sent before then waits in its thread's queue. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  private spawn(): Slot {
    // Loader hooks given to this process (`node --import tsx`) do not reach worker threads on Node 20,
    // so the thread registers tsx itself before it imports the TypeScript worker.
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`;
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { connection: this.connection },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    let markLoaded = (): void => undefined;
    const slot: Slot = {
      worker,
      jobs: new Map(),
      ready: new Promise<void>((resolve) => {
        markLoaded = resolve;
        worker.once('exit', () => resolve());
      }),
      loaded: false,
      exited: false,
    };
    worker.once('exit', () => (slot.exited = true));
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        slot.loaded = true;
        markLoaded();
        return;
      }
      const job = slot.jobs.get(message.id);
      if (!job) return;
      slot.jobs.delete(message.id);
      if (message.type === 'done') job.resolve(message.result);
      else {
        const { status, code, message: text, details } = message.error;
        job.reject(new AppError(status, code, text, details));
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.onIncident(`console thread failed: ${error.code ?? ''} ${error.message}`);
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.replace(
        slot,
        outOfMemory
          ? new AppError(
              422,
              'RESULT_TOO_LARGE',
              'The result needs more memory than the console allows for one query: return part of it (a slice, size(), or an aggregate).',
            )
          : new AppError(500, 'INTERNAL', 'The console stopped unexpectedly; run the query again.'),
      );
    });
    worker.on('exit', () => {
      if (!this.closed)
        this.replace(slot, new AppError(500, 'INTERNAL', 'The console stopped; run the query again.'));
    });
    // An idle pool must not keep the process alive on its own.
    worker.unref();
    return slot;
  }

  /**
   * Ends a thread's queries with `error` and puts a fresh thread in its place, unless the thread never
   * loaded: then the next query starts one, rather than a broken install respawning in a loop.
   */
  private replace(slot: Slot, error: AppError): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    for (const job of slot.jobs.values()) job.reject(error);
    slot.jobs.clear();
    void slot.worker.terminate();
    if (!this.closed && slot.loaded) this.slots[index] = this.spawn();
    else this.slots.splice(index, 1);
  }

  run(
    query: string,
    params: Record<string, unknown>,
    limits: ConsoleLimits,
    signal?: AbortSignal,
  ): Promise<CypherResponseT> {
    if (this.closed)
      return Promise.reject(new AppError(503, 'DATABASE_UNAVAILABLE', 'The server is stopping.'));
    while (this.slots.length < this.threads) this.slots.push(this.spawn());
    const slot = this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    if (slot.jobs.size >= this.maxJobsPerThread) {
      return Promise.reject(
        new AppError(503, 'OVERLOADED', 'The console is busy with other queries: try again in a second.', {
          retryAfterSeconds: 1,
        }),
      );
    }
    const id = this.nextId++;
    return new Promise<CypherResponseT>((resolve, reject) => {
      // Handed over first and registered after: a value the thread cannot take (structured clone
      // fails, or overflows its stack) is this request's 400, with no job left behind whose
      // deadline would later stop the thread, and every other query on it with it.
      try {
        slot.worker.postMessage({ type: 'run', id, query, params, limits } satisfies ToWorker);
      } catch (error) {
        reject(
          new AppError(
            400,
            'BAD_REQUEST',
            `params: could not be handed to the console (${(error as Error).name}); send plainer JSON`,
            { field: 'params' },
          ),
        );
        return;
      }
      const deadline = setTimeout(() => {
        if (!slot.jobs.has(id)) return;
        slot.jobs.delete(id);
        reject(new AppError(504, 'QUERY_TIMEOUT', 'The query took too long and was stopped.'));
        // Still busy past Neo4j's own timeout: only stopping the thread frees it.
        this.onIncident(
          `console thread stopped: a query was still running ${this.graceMs} ms past its timeout`,
        );
        this.replace(
          slot,
          new AppError(503, 'DATABASE_UNAVAILABLE', 'The console was restarted; run the query again.'),
        );
      }, limits.timeoutMs + this.graceMs);
      const settle = () => {
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => slot.worker.postMessage({ type: 'abort', id } satisfies ToWorker);
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.jobs.set(id, {
        resolve: (result) => {
          settle();
          resolve(result);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.slots.map(async ({ worker, exited: gone }) => {
        if (gone) return;
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.postMessage({ type: 'close' } satisfies ToWorker);
        // The driver closes in milliseconds; a thread stuck decoding is not waited for.
        const timer = setTimeout(() => void worker.terminate(), 2_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    this.slots.length = 0;
  }
}
