// The embedded database's Bolt port, as anyone on the machine sees it: a local process, or a web page
// in a browser (Bolt also speaks WebSocket on the same port, and Neo4j 5.26 has no setting to refuse
// that or check Origin: TransportSelectionHandler switches any HTTP GET to WebSocket). So the port
// must hold with authentication alone, and what an authenticated query can reach must be small.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type Neo4jApi from 'neo4j-driver';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jvmEnvironmentNames,
  passwordFile,
  startEmbeddedNeo4j,
  type EmbeddedNeo4j,
} from '../../neo4j/launcher.js';
import { createDriver, waitForDatabase } from '../../server/src/db/driver.js';
import { launchBrowser } from '../support/browser.js';
import { writeRingDataset } from '../support/datasets.js';

const root = resolve(import.meta.dirname, '../..');
const secrets = { TROVE_TOKEN: 'trove-token-sentinel-0123456789', NEO4J_PASSWORD: 'neo4j-password-sentinel' };

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => done({ code, out }));
  });
}

describe('the embedded database is safe by default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trove-dbport-'));
  let db: EmbeddedNeo4j;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    // The app's own secrets are in its environment when it is exposed: the JVM must not inherit them.
    for (const [name, value] of Object.entries(secrets)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    try {
      db = await startEmbeddedNeo4j({
        dataDir,
        port: 0,
        heapMb: 256,
        pageCacheMb: 16,
        readyTimeoutMs: 280_000,
        log: () => undefined,
      });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) Reflect.deleteProperty(process.env, name);
        else process.env[name] = value;
      }
    }
  }, 300_000);
  afterAll(async () => {
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates a password, keeps it owner-only in the data directory, and requires it', async () => {
    const file = passwordFile(dataDir);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(readFileSync(file, 'utf8').trim()).toBe(db.password);
    expect(db.password.length).toBeGreaterThanOrEqual(32);

    for (const password of ['', 'neo4j', `${db.password}x`]) {
      const stranger = createDriver({ uri: db.uri, user: 'neo4j', password });
      await expect(stranger.executeQuery('CREATE (:Intruder) RETURN 1')).rejects.toThrow(
        /unauthori[sz]ed|authentication/i,
      );
      await stranger.close();
    }
    const owner = createDriver({ uri: db.uri, user: 'neo4j', password: db.password });
    await waitForDatabase(owner);
    const { records } = await owner.executeQuery('MATCH (n:Intruder) RETURN count(n) AS n');
    expect(Number(records[0]!.get('n'))).toBe(0);
    await owner.close();
  });

  it('refuses file URLs in LOAD CSV even with the password, and keeps the import directory empty', async () => {
    const owner = createDriver({ uri: db.uri, user: 'neo4j', password: db.password });
    try {
      for (const url of [
        'file:///etc/passwd',
        'file:///proc/self/environ',
        'file:///../../../../etc/hostname',
        `file://${join(dataDir, 'neo4j-password')}`,
      ]) {
        await expect(
          owner.executeQuery(`LOAD CSV FROM '${url}' AS line RETURN line LIMIT 1`),
          url,
        ).rejects.toThrow(/file URLs|not allowed|configuration property/i);
      }
    } finally {
      await owner.close();
    }
    expect(readdirSync(join(dataDir, 'import'))).toEqual([]);
  });

  it('gives the JVM only the variables it needs: no token or password in its environment or command line', () => {
    const environ = readFileSync(`/proc/${db.pid}/environ`, 'utf8').split('\0').filter(Boolean);
    const names = environ.map((entry) => entry.slice(0, entry.indexOf('=')));
    for (const name of names) {
      expect(
        (jvmEnvironmentNames as readonly string[]).includes(name) || name.startsWith('TROVE_NEO4J_'),
        name,
      ).toBe(true);
    }
    const everything = `${environ.join('\n')}\n${readFileSync(`/proc/${db.pid}/cmdline`, 'utf8')}`;
    expect(everything).not.toContain('TROVE_TOKEN');
    expect(everything).not.toContain(secrets.TROVE_TOKEN);
    expect(everything).not.toContain(secrets.NEO4J_PASSWORD);
    expect(everything).not.toContain(db.password);
  });

  it('lets `npm run seed` use the generated password, and prints it only through db:credentials', async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEO4J_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: new URL(db.uri).port,
    };
    const dataset = writeRingDataset(join(dataDir, 'ring'), 3, 'ring');
    const seeded = await run(['seed/src/cli.ts', '--dataset', dataset], env);
    expect(seeded.out).not.toContain(db.password);
    expect(seeded.code, seeded.out).toBe(0);

    const credentials = await run(['neo4j/credentials.ts'], env);
    expect(credentials.code).toBe(0);
    expect(credentials.out).toContain(`password: ${db.password}`);
    expect(credentials.out).toContain(`bolt://127.0.0.1:${new URL(db.uri).port}`);
  }, 60_000);

  describe('a web page in a browser, from another localhost origin', () => {
    let browser: Browser;
    let page: Server;
    let pageUrl: string;
    beforeAll(async () => {
      const driverJs = readFileSync(join(root, 'node_modules/neo4j-driver/lib/browser/neo4j-web.min.js'));
      page = createServer((req, res) => {
        if (req.url === '/neo4j-web.min.js') {
          res.writeHead(200, { 'content-type': 'text/javascript' }).end(driverJs);
          return;
        }
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><script src="/neo4j-web.min.js"></script>');
      });
      await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
      pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
      browser = await launchBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await new Promise((r) => page?.close(r));
    });

    it('can neither read, write nor read files over Bolt-on-WebSocket without the password', async () => {
      const tab = await browser.newPage();
      await tab.goto(pageUrl);
      const outcomes = await tab.evaluate(async (uri) => {
        const api = (globalThis as unknown as { neo4j: typeof Neo4jApi }).neo4j;
        const attempts: [string, unknown][] = [
          ['read', api.auth.basic('neo4j', 'neo4j')],
          ['write', undefined],
          ['file', api.auth.basic('neo4j', 'password')],
        ];
        const queries: Record<string, string> = {
          read: 'MATCH (n) RETURN count(n) AS n',
          write: 'CREATE (:FromPage) RETURN 1 AS n',
          file: "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN count(l) AS n",
        };
        const results: Record<string, string> = {};
        for (const [what, auth] of attempts) {
          const driver = api.driver(uri, auth as never, { connectionTimeout: 5000 });
          try {
            const { records } = await driver.executeQuery(queries[what]!);
            results[what] = `answered ${String(records[0]?.get('n'))}`;
          } catch (error) {
            results[what] = `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`;
          } finally {
            await driver.close();
          }
        }
        return results;
      }, db.uri);
      for (const [what, outcome] of Object.entries(outcomes)) {
        expect(outcome, what).toMatch(/Unauthorized|authentication failure/i);
      }
      // The same page with the right password does get through: the refusals above are auth, not a
      // broken WebSocket path (which would make this test pass for the wrong reason).
      const withPassword = await tab.evaluate(
        async ({ uri, password }) => {
          const api = (globalThis as unknown as { neo4j: typeof Neo4jApi }).neo4j;
          const driver = api.driver(uri, api.auth.basic('neo4j', password));
          try {
            const { records } = await driver.executeQuery('RETURN 41 + 1 AS n');
            return String(records[0]?.get('n'));
          } finally {
            await driver.close();
          }
        },
        { uri: db.uri, password: db.password },
      );
      expect(withPassword).toBe('42');
      const owner = createDriver({ uri: db.uri, user: 'neo4j', password: db.password });
      const { records } = await owner.executeQuery('MATCH (n:FromPage) RETURN count(n) AS n');
      await owner.close();
      expect(Number(records[0]!.get('n'))).toBe(0);
      await tab.close();
    }, 60_000);
  });
});
