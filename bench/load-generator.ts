// The HTTP load generator of the API bench and of the overload test: autocannon in a process of its
// own, because in the server's process it would share the event loop it loads and add its own work
// to every latency it measures. generateLoad forks this file once; the child takes jobs over IPC
// and sends back the raw response times and tallies of each.
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  requests: { method: 'GET' | 'POST'; path: string; body?: string }[];
}

export interface LoadResult {
  /** Requests sent. */
  requests: number;
  /** Response times (ms) of the answers below 400. */
  latencies: number[];
  /** Seconds the run took. */
  duration: number;
  /** Answers of 400 and above, connection errors and timeouts. */
  errors: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** Requests that got no answer within autocannon's timeout (10 s). */
  timeouts: number;
  /** Connection errors (refused, reset). */
  connectionErrors: number;
  /** Response times (ms) of the 503 answers, and whether every one of them had a Retry-After. */
  shedLatencies: number[];
  shedWithoutRetryAfter: number;
  /** The first 503's body and Retry-After, to check the shape of a shed answer. */
  shed?: { body: unknown; retryAfter: string | undefined };
}

async function run(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const shedLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  let shedWithoutRetryAfter = 0;
  let shed: LoadResult['shed'];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.seconds,
        requests: job.requests.map((r) => ({
          method: r.method,
          path: r.path,
          ...(r.body ? { body: r.body, headers: { 'content-type': 'application/json' } } : {}),
          onResponse: (
            status: number,
            body: string,
            _context: object,
            headers?: autocannon.Request['headers'],
          ) => {
            if (status !== 503) return;
            const name = Object.keys(headers ?? {}).find((key) => key.toLowerCase() === 'retry-after');
            if (name === undefined) shedWithoutRetryAfter += 1;
            shed ??= {
              body: JSON.parse(body) as unknown,
              retryAfter: name ? String(headers?.[name]) : undefined,
            };
          },
        })),
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    // autocannon's own histogram has no p95; the raw times give the same percentiles on both sides.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode === 503) shedLatencies.push(responseTime);
      if (statusCode >= 400) errors += 1;
      else latencies.push(responseTime);
    });
  });
  return {
    requests: result.requests.total,
    latencies,
    duration: result.duration,
    errors: errors + result.errors,
    statuses,
    timeouts: result.timeouts,
    // autocannon counts timeouts among its errors as well.
    connectionErrors: result.errors - result.timeouts,
    shedLatencies,
    shedWithoutRetryAfter,
    ...(shed ? { shed } : {}),
  };
}

type Answer = { ok: true; result: LoadResult } | { ok: false; error: string };

/**
 * One child for every job of a run, started at the first: forking a fresh one per job (tsx and
 * autocannon loaded anew, a second or more each) cost a quick bench run about twenty seconds over
 * its 21 load phases. Jobs run one at a time, in the order asked.
 */
let worker: { child: ChildProcess; spawned: Promise<void> } | null = null;
let queue: Promise<unknown> = Promise.resolve();

function loadWorker(): { child: ChildProcess; spawned: Promise<void> } {
  if (worker && worker.child.exitCode === null && worker.child.connected) return worker;
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Between jobs the child must not keep this process alive: a finished bench or test exits.
  child.unref();
  child.channel?.unref();
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  worker = { child, spawned };
  return worker;
}

/** Runs `job` in the load generator's child; `onStart` is called just before the job is sent. */
export function generateLoad(job: LoadJob, onStart?: () => void): Promise<LoadResult> {
  const run = queue.then(async () => {
    const { child, spawned } = loadWorker();
    await spawned;
    return new Promise<LoadResult>((resolve, reject) => {
      const finish = (): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.channel?.unref();
      };
      const onMessage = (message: unknown): void => {
        finish();
        const answer = message as Answer;
        if (answer.ok) resolve(answer.result);
        else reject(new Error(`load generator failed: ${answer.error}`));
      };
      const onExit = (code: number | null): void => {
        finish();
        worker = null;
        reject(new Error(`load generator exited (${code}) without an answer`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      // While a job runs, its answer is what this process waits for.
      child.channel?.ref();
      onStart?.();
      child.send(job);
    });
  });
  queue = run.catch(() => undefined);
  return run;
}

// The child's side: only when this file is the forked process's entry, never when imported. It
// serves jobs until its parent goes away.
if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  process.on('message', (job: LoadJob) => {
    run(job).then(
      (result) => process.send?.({ ok: true, result } satisfies Answer),
      (error: unknown) =>
        process.send?.({ ok: false, error: (error as Error).stack ?? String(error) } satisfies Answer),
    );
  });
  process.once('disconnect', () => process.exit(0));
}
