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
}

async function run(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
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
  return { latencies, duration: result.duration, errors: errors + result.errors + result.timeouts };
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1)),
  );
});
