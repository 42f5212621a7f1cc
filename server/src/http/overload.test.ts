// What a client is told when the server cannot serve it soon: 503, Retry-After, and the error shape,
// at once rather than after a wait into its own timeout. Deterministic: one request is held in
// flight by the handler itself, so the next one is beyond capacity whatever the machine's speed.
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler } from './errors.js';
import { loadShedder, type OverloadOptions } from './overload.js';

const base: OverloadOptions = {
  maxInFlight: 1,
  targetMs: 60_000,
  maxQueueMs: 60_000,
  maxQueue: 0,
  maxLagMs: 0,
  maxServiceMs: 0,
  maxConsoleServiceMs: 0,
};

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  server = undefined;
});

/** An API whose /slow answers only when `release` is called. */
async function start(options: OverloadOptions) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const app = express();
  app.use(loadShedder(options));
  app.get('/slow', (_req, res) => {
    // A request the shedder already answered 503 has nothing left to send.
    void held.then(() => (res.headersSent ? undefined : res.json({ ok: true })));
  });
  app.post('/slow', (_req, res) => {
    void held.then(() => res.status(201).json({ written: true }));
  });
  app.get('/health', (_req, res) => res.json({ ok: true }));
  app.use(errorHandler);
  server = createServer(app);
  await new Promise<void>((ready) => server?.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, release };
}

describe('load shedding', () => {
  it('answers a request beyond capacity at once with 503, Retry-After and the error shape', async () => {
    const { url, release } = await start(base);
    const first = fetch(`${url}/slow`);
    await new Promise((resume) => setTimeout(resume, 100));

    const shed = await fetch(`${url}/slow`);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(await shed.json()).toEqual({
      error: {
        code: 'OVERLOADED',
        message: expect.stringContaining('try again') as unknown,
        retryAfterSeconds: 1,
      },
    });
    // Health is never shed: a monitor must not read "busy" as "down".
    expect((await fetch(`${url}/health`)).status).toBe(200);

    release();
    expect((await first).status).toBe(200);
    expect((await fetch(`${url}/slow`)).status).toBe(200);
  });

  it('answers 503 with Retry-After to a request that waited its longest for a turn', async () => {
    const { url, release } = await start({ ...base, maxQueue: 10, maxQueueMs: 200 });
    const first = fetch(`${url}/slow`);
    await new Promise((resume) => setTimeout(resume, 100));
    const waited = await fetch(`${url}/slow`);
    expect(waited.status).toBe(503);
    expect(waited.headers.get('retry-after')).toBe('1');
    release();
    expect((await first).status).toBe(200);
  });

  it('never answers an admitted write 503 while it may still commit', async () => {
    const { url, release } = await start({ ...base, maxInFlight: 2, maxServiceMs: 200 });
    const read = await fetch(`${url}/slow`);
    expect(read.status).toBe(503);
    const write = fetch(`${url}/slow`, { method: 'POST' });
    await new Promise((resume) => setTimeout(resume, 400));
    release();
    const answer = await write;
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ written: true });
  });
});
