// DNS rebinding and cross-origin writes: a page on attacker.example whose name is made to resolve to
// 127.0.0.1 talks to Trove as if same-origin, but its requests still carry its own Host; a page on
// another origin can still send a "simple" POST. Both must be refused before anything runs.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { getDriver } from '../support/neo4j.js';

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** node:http, because fetch will not send a Host of the caller's choosing. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        method,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let parsed: Answer['body'] = {};
          try {
            parsed = JSON.parse(text) as Answer['body'];
          } catch {
            // The page's HTML: only the status matters then.
          }
          done({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

const story = { title: 'Rebinding probe', steps: [] };
const rebound = 'rebind.attacker.example:8080';

describe('Host allow-list and Origin on writes', () => {
  let app: RunningServer;
  let exposed: RunningServer;
  let port: string;
  const token = 'a-test-token-of-32-characters-xx';

  beforeAll(async () => {
    app = await startTestApp();
    exposed = await startTestApp({ HOST: '0.0.0.0', TROVE_TOKEN: token, ALLOWED_HOSTS: 'trove.example.org' });
    port = new URL(app.url).port;
  });
  afterAll(async () => {
    await getDriver().executeQuery("MATCH (s:Story) WHERE s.title = 'Rebinding probe' DELETE s");
    await app.close(1_000);
    await exposed.close(1_000);
  });

  it('answers 421 in the error shape to a rebound Host, on writes, the console and reads', async () => {
    const origin = { host: rebound, origin: `http://${rebound}` };
    const cases: [string, string, unknown][] = [
      ['POST', '/api/stories', story],
      ['POST', '/api/cypher', { query: 'MATCH (n) RETURN count(n) AS n' }],
      ['GET', '/api/health', undefined],
      ['GET', '/api/search?q=xi', undefined],
    ];
    for (const [method, path, body] of cases) {
      const r = await send(app.url, method, path, origin, body);
      expect(r.status, `${method} ${path}`).toBe(421);
      expect(r.body.error).toMatchObject({
        code: 'MISDIRECTED_REQUEST',
        message: expect.stringContaining('rebind.attacker.example'),
      });
    }
    const { records } = await getDriver().executeQuery(
      "MATCH (s:Story) WHERE s.title = 'Rebinding probe' RETURN count(s) AS n",
    );
    expect(Number(records[0]!.get('n'))).toBe(0);
    // The page itself is not served under that name either.
    expect((await send(app.url, 'GET', '/', { host: rebound })).status).toBe(421);
  });

  it('answers the loopback names, with and without port', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      'localhost',
    ]) {
      expect((await send(app.url, 'GET', '/api/health', { host })).status, host).toBe(200);
    }
    for (const host of ['127.0.0.1.attacker.example', 'localhost.attacker.example:80']) {
      expect((await send(app.url, 'GET', '/api/health', { host })).status, host).toBe(421);
    }
  });

  it('refuses writes whose Origin is another origin (another port, file://), and takes its own', async () => {
    const host = `127.0.0.1:${port}`;
    for (const origin of ['http://127.0.0.1:1', 'http://localhost:5999', 'null', 'https://evil.example']) {
      for (const [path, body] of [
        ['/api/stories', story],
        ['/api/cypher', { query: 'RETURN 1 AS one' }],
      ] as const) {
        const r = await send(app.url, 'POST', path, { host, origin }, body);
        expect(r.status, `${origin} ${path}`).toBe(403);
        expect(r.body.error?.code).toBe('FORBIDDEN');
      }
    }
    const own = await send(
      app.url,
      'POST',
      '/api/cypher',
      { host, origin: `http://${host}` },
      { query: 'RETURN 1 AS one' },
    );
    expect(own.status).toBe(200);
    // Not a browser: no Origin, and nothing to refuse.
    const cli = await send(app.url, 'POST', '/api/cypher', { host }, { query: 'RETURN 1 AS one' });
    expect(cli.status).toBe(200);
    // Reads from another origin are left to CORS (they get no Access-Control-Allow-Origin).
    expect((await send(app.url, 'GET', '/api/health', { host, origin: 'http://127.0.0.1:1' })).status).toBe(
      200,
    );
  });

  it('beyond loopback, answers the names in ALLOWED_HOSTS and no others', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const allowed = await send(
      exposed.url,
      'POST',
      '/api/cypher',
      { host: 'trove.example.org', origin: 'https://trove.example.org', ...auth },
      { query: 'RETURN 1 AS one' },
    );
    expect(allowed.status).toBe(200);
    const other = await send(
      exposed.url,
      'POST',
      '/api/cypher',
      { host: 'trove.example.net', ...auth },
      { query: 'RETURN 1 AS one' },
    );
    expect(other.status).toBe(421);
  });

  it('refuses to start beyond loopback against a database without a password', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0', NEO4J_URI: 'bolt://db.example:7687' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0', NEO4J_URI: 'bolt://db.example:7687' })).toThrow(
      /NEO4J_PASSWORD/,
    );
    expect(
      loadConfig({ HOST: '0.0.0.0', NEO4J_URI: 'bolt://db.example:7687', NEO4J_PASSWORD: 'x' }).access
        .exposed,
    ).toBe(true);
    // The embedded database always has its generated password, so it starts.
    expect(loadConfig({ HOST: '0.0.0.0' }).neo4j.uri).toBeUndefined();
  });
});
