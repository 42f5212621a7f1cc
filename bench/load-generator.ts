// The HTTP load generator of the API bench, run in a process of its own (bench/api.ts forks it):
// autocannon in the server's process would share its event loop and add its own work to every
// latency it measures. It gets one job over IPC, sends back the raw response times, and exits.
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  requests: { method: 'GET' | 'POST'; path: string; body?: string }[];
}

export interface LoadResult {
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
}

async function run(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const shedLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  let shedWithoutRetryAfter = 0;
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
            _body: string,
            _context: object,
            headers?: Record<string, unknown>,
          ) => {
            if (status !== 503) return;
            const name = Object.keys(headers ?? {}).find((key) => key.toLowerCase() === 'retry-after');
            if (name === undefined) shedWithoutRetryAfter += 1;
          },
        })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
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
    latencies,
    duration: result.duration,
    errors: errors + result.errors,
    statuses,
    timeouts: result.timeouts,
    // autocannon counts timeouts among its errors as well.
    connectionErrors: result.errors - result.timeouts,
    shedLatencies,
    shedWithoutRetryAfter,
  };
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1)),
  );
});
