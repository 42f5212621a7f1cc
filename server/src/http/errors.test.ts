// Transient database errors that outlast the retries (a deadlock's victim tried six times, a lock
// wait the driver gave up on) are the database's passing condition, not a server bug: the client is
// told 503 with Retry-After and what happened, never 500. The errors are the driver's own class
// with the codes Neo4j sends.
import express from 'express';
import { Neo4jError } from 'neo4j-driver';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler } from './errors.js';

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((done) => running.close(done));
});

/** An app whose one route fails with a driver error of this code. */
async function failingWith(code: string): Promise<string> {
  const app = express();
  app.post('/write', () => {
    throw new Neo4jError(
      `internal detail of ${code}`,
      code as never,
      '50N42',
      'error: general processing exception',
    );
  });
  app.use(errorHandler);
  server = createServer(app);
  await new Promise<void>((ready) => server?.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/write`;
}

describe('transient database errors at the HTTP edge', () => {
  it('answers a deadlock that escaped the retries with 503, Retry-After and a message naming it', async () => {
    const response = await fetch(await failingWith('Neo.TransientError.Transaction.DeadlockDetected'), {
      method: 'POST',
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('DATABASE_BUSY');
    expect(body.error.message).toMatch(/deadlock/i);
    expect(body.error.message).toMatch(/try again/i);
    // The driver's own text stays in the log.
    expect(body.error.message).not.toContain('internal detail');
  });

  it.each([
    'Neo.TransientError.Transaction.LockAcquisitionTimeout',
    'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  ])('answers another transient error (%s) with 503 and names its code', async (code) => {
    const response = await fetch(await failingWith(code), { method: 'POST' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('DATABASE_BUSY');
    expect(body.error.message).toContain(code);
  });
});
