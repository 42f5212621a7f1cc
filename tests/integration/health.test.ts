import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { createDriver } from '../../server/src/db/driver.js';
import { createLogger } from '../../server/src/logger.js';
import { listen, type RunningServer } from '../../server/src/server.js';
import { healthRoute } from '../../contract/health.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';

describe('GET /api/health', () => {
  let app: RunningServer;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close(1_000));

  it('reports a connected Neo4j 5.26 Community with counts', async () => {
    const { status, body } = await getJson<{
      status: string;
      neo4j: { connected: boolean; version: string; edition: string };
      counts: { nodes: number; relationships: number };
    }>(`${app.url}/api/health`);
    expect(status).toBe(200);
    expectConforms(healthRoute, status, body);
    expect(body.status).toBe('ok');
    expect(body.neo4j.connected).toBe(true);
    expect(body.neo4j.version).toMatch(/^5\.26\.\d+$/);
    expect(body.neo4j.edition).toBe('community');
    expect(Number.isInteger(body.counts.nodes)).toBe(true);
    expect(Number.isInteger(body.counts.relationships)).toBe(true);
  });

  it('answers 503 in the error shape when the database is unreachable', async () => {
    // A driver aimed at a port where nothing listens: the same app, a database that is down.
    const driver = createDriver({ uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: '' });
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const down = await listen(
      { driver, config, logger: createLogger('silent') },
      { host: '127.0.0.1', port: 0 },
    );
    try {
      const { status, body } = await getJson<{ neo4j: { connected: boolean }; error: { code: string } }>(
        `${down.url}/api/health`,
      );
      expect(status).toBe(503);
      expectConforms(healthRoute, status, body);
      expect(body.neo4j.connected).toBe(false);
      expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9|stack/);
    } finally {
      await down.close(1_000);
      await driver.close();
    }
  });

  it('answers unknown API paths with 404 in the error shape', async () => {
    const { status, body } = await getJson<{ error: { code: string; message: string } }>(
      `${app.url}/api/no-such-thing`,
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('/no-such-thing');
  });

  it('serves the page for any view URL so copied links reopen', async () => {
    const response = await fetch(`${app.url}/some/view?selected=xi-jinping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });
});

describe('listen', () => {
  it('fails with the address in words when the port is taken, instead of seeming to start', async () => {
    const first = await startTestApp();
    const port = Number(new URL(first.url).port);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const driver = createDriver({ uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: '' });
    try {
      await expect(
        listen({ driver, config, logger: createLogger('silent') }, { host: '127.0.0.1', port }),
      ).rejects.toThrow(`127.0.0.1:${port} is already in use: stop what uses it or set PORT`);
    } finally {
      await driver.close();
      await first.close(1_000);
    }
  });
});
