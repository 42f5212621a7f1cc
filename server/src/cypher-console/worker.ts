// The console's queries run here, on a thread of their own. The driver decodes a record whole and
// synchronously: one value of millions of items held the server's event loop for half a minute in a
// measurement, with every other request waiting. Here it holds only this thread, which the pool can
// stop, and its heap limit stops a value that would exhaust memory.
import { parentPort, workerData } from 'node:worker_threads';
import { createDriver } from '../db/driver.js';
import { AppError, toAppError } from '../http/errors.js';
import { runConsoleQuery, type ConsoleLimits } from './query.js';
import type { ConsoleConnection, FromWorker, ToWorker } from './workers.js';

if (!parentPort) throw new Error('worker.ts runs as a worker thread of the console pool');
const port = parentPort;

const driver = createDriver((workerData as { connection: ConsoleConnection }).connection);
const running = new Map<number, AbortController>();

function send(message: FromWorker): void {
  port.postMessage(message);
}

async function run(id: number, query: string, params: Record<string, unknown>, limits: ConsoleLimits) {
  const gone = new AbortController();
  running.set(id, gone);
  try {
    const result = await runConsoleQuery(driver, query, params, limits, gone.signal);
    send({ type: 'done', id, result });
  } catch (error) {
    const appError: AppError = error instanceof AppError ? error : toAppError(error);
    send({
      type: 'failed',
      id,
      error: {
        status: appError.status,
        code: appError.code,
        message: appError.message,
        ...(appError.details ? { details: appError.details } : {}),
      },
    });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message.id, message.query, message.params, message.limits);
  else if (message.type === 'abort') running.get(message.id)?.abort();
  else if (message.type === 'close') {
    for (const gone of running.values()) gone.abort();
    void driver.close().finally(() => port.close());
  }
});

send({ type: 'ready' });
