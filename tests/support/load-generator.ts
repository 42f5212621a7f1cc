// autocannon in a process of its own, for the overload test: in the server's process its hundreds
// of connections would share the event loop it is meant to load. One job in over IPC, one tally out.
import autocannon from 'autocannon';

export interface GeneratorJob {
  url: string;
  connections: number;
  seconds: number;
  requests: { method: 'GET' | 'POST'; path: string; body?: string }[];
}

export interface GeneratorTally {
  requests: number;
  byStatus: Record<string, number>;
  errors: number;
  timeouts: number;
  /** The first 503's body and Retry-After, to check the shape of a shed answer. */
  shed?: { body: unknown; retryAfter: string | undefined };
  latencyMs: { p50: number; p99: number; max: number };
}

async function run(job: GeneratorJob): Promise<GeneratorTally> {
  const byStatus: Record<string, number> = {};
  const times: number[] = [];
  let shed: GeneratorTally['shed'];
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
            headers: autocannon.Request['headers'],
          ) => {
            if (status !== 503 || shed) return;
            const name = Object.keys(headers ?? {}).find((key) => key.toLowerCase() === 'retry-after');
            shed = {
              body: JSON.parse(body) as unknown,
              retryAfter: name ? String(headers?.[name]) : undefined,
            };
          },
        })),
      },
      (error, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      byStatus[statusCode] = (byStatus[statusCode] ?? 0) + 1;
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
  return {
    requests: result.requests.total,
    byStatus,
    errors: result.errors,
    timeouts: result.timeouts,
    shed,
    latencyMs: { p50: at(0.5), p99: at(0.99), max: Math.round(times.at(-1) ?? 0) },
  };
}

process.once('message', (job: GeneratorJob) => {
  run(job).then(
    (tally) => process.send?.({ ok: true, tally }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1)),
  );
});
