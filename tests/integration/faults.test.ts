import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTrove } from '../support/processes.js';
import { isAlive, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/launcher.js';
import { loadConfig } from '../../server/src/config.js';
import { createDriver, waitForDatabase } from '../../server/src/db/driver.js';
import { toPlain } from '../../server/src/db/mapping.js';
import { createLogger } from '../../server/src/logger.js';
import { listen, type RunningServer } from '../../server/src/server.js';
import { applySchema, seedIfEmpty } from '../../seed/src/index.js';
import { writeRingDataset } from '../support/datasets.js';
import { countAll, graphSnapshot, wipeDatabase } from '../support/neo4j.js';

// Faults against a database of this file's own (never the run's shared one): it is killed, stopped
// and restarted here. Everything binds to 127.0.0.1 and every wait is bounded.

const root = process.cwd();

/** Figures are recorded for people to read (test-results/*.json and the log), not asserted as goals. */
function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results', `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`${name}: ${JSON.stringify(figures)}`);
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Everything in the graph, as content (ids and properties), independent of internal element ids. */
async function contentChecksum(driver: Driver): Promise<string> {
  return createHash('sha256')
    .update((await graphSnapshot(driver)).join('\n'))
    .digest('hex');
}

describe('the database goes away while requests are in flight', () => {
  let dataDir: string;
  let db: EmbeddedNeo4j;
  let port: number;
  let driver: Driver;
  let app: RunningServer;
  let seeded: { nodes: number; relationships: number };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'trove-faults-db-'));
    db = await startEmbeddedNeo4j({ dataDir, port: 0, heapMb: 512, log: () => undefined });
    port = Number(new URL(db.uri).port);
    driver = createDriver({ uri: db.uri, user: db.user, password: db.password });
    await waitForDatabase(driver);
    await applySchema(driver);
    await seedIfEmpty(driver);
    seeded = await countAll(driver);
    const config = loadConfig({ LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '20000' });
    app = await listen({ driver, config, logger: createLogger('silent') }, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close(1_000);
    await driver?.close();
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const slowQuery = 'UNWIND range(1, 200000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n';

  async function timed(url: string, init?: RequestInit) {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const body = (await response.json()) as { error?: { code: string; message: string } };
    return { status: response.status, body, at: Date.now() };
  }

  it('answers 503 in the error shape within a second after kill -9, and recovers by itself with its store', async () => {
    const searches = (): Promise<Awaited<ReturnType<typeof timed>>> =>
      timed(`${app.url}/api/entities/xi-jinping/neighbors?depth=2`);
    expect((await searches()).status).toBe(200);

    // Slow console queries keep requests in flight inside Neo4j when it dies.
    const inFlight = Array.from({ length: 4 }, () =>
      timed(`${app.url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: slowQuery }),
      }),
    );
    await new Promise((r) => setTimeout(r, 400));
    const killedAt = Date.now();
    process.kill(db.pid, 'SIGKILL');
    await until('the JVM to die', 5_000, async () => (isAlive(db.pid) ? undefined : true));

    const answered = await Promise.all(inFlight);
    // New requests, while it is down: each kind of read, and the health check.
    const fresh = await Promise.all(
      [
        '/api/search?q=xi',
        '/api/entities/chen-quanguo',
        '/api/paths?from=xi-jinping&to=chen-quanguo',
        '/api/health',
      ].map(async (path) => {
        const started = Date.now();
        const r = await timed(`${app.url}${path}`);
        return { ...r, ms: r.at - started, path };
      }),
    );
    const inFlightMs = answered.map((r) => r.at - killedAt);
    for (const r of [...answered, ...fresh]) {
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    }
    expect(Math.max(...inFlightMs), 'in-flight requests answered within a second of the kill').toBeLessThan(
      1_000,
    );
    expect(Math.max(...fresh.map((r) => r.ms)), 'new requests answered within a second').toBeLessThan(1_000);

    // The database comes back on the same port and store; the app was never restarted.
    const restartedAt = Date.now();
    db = await startEmbeddedNeo4j({ dataDir, port, heapMb: 512, log: () => undefined });
    const databaseStartMs = Date.now() - restartedAt;
    const back = await until('service to come back', 15_000, async () => {
      const r = await timed(`${app.url}/api/search?q=xi`);
      return r.status === 200 ? r : undefined;
    });
    expect(back.status).toBe(200);
    // kill -9 left the store as it was: the next start recovered it.
    expect(await countAll(driver)).toEqual(seeded);
    recordFigures('faults-database-kill', {
      inFlightAnsweredMsAfterKill: inFlightMs,
      newRequestsMs: Object.fromEntries(fresh.map((r) => [r.path, r.ms])),
      databaseStartMs,
      serviceBackMsAfterRestart: Date.now() - restartedAt,
    });
  }, 90_000);

  it('answers 503 within a second when the database is stopped cleanly, and recovers again', async () => {
    expect((await timed(`${app.url}/api/health`)).status).toBe(200);
    const inFlight = timed(`${app.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: slowQuery }),
    });
    await new Promise((r) => setTimeout(r, 400));
    const stoppedAt = Date.now();
    const stopping = db.stop();
    const answered = await inFlight;
    expect(answered.status).toBe(503);
    expect(answered.body.error?.code).toBe('DATABASE_UNAVAILABLE');
    expect(answered.at - stoppedAt).toBeLessThan(1_000);
    await stopping;
    const health = await timed(`${app.url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', neo4j: { connected: false } });

    db = await startEmbeddedNeo4j({ dataDir, port, heapMb: 512, log: () => undefined });
    await until('service to come back', 15_000, async () =>
      (await timed(`${app.url}/api/health`)).status === 200 ? true : undefined,
    );
    expect(await countAll(driver)).toEqual(seeded);
  }, 90_000);
});

describe('SIGTERM on the app', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes in-flight requests, accepts no new ones, stops the embedded database and exits 0', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'trove-sigterm-'));
    const trove = await spawnTrove(dataDir, root);
    child = trove.child;
    const { port } = trove;
    const output = trove.output;
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    await until('"ready:"', 150_000, async () => (output().includes('ready:') ? true : undefined));
    const jvmPid = Number(readFileSync(join(dataDir, 'launcher.pid'), 'utf8'));
    expect(isAlive(jvmPid)).toBe(true);

    const base = `http://127.0.0.1:${port}`;
    // About two seconds of work inside Neo4j, in flight when the signal arrives.
    const slow = fetch(`${base}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'UNWIND range(1, 20000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n',
      }),
      signal: AbortSignal.timeout(20_000),
    });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await until('the listener to close', 5_000, async () =>
      output().includes('SIGTERM: stopping') ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 100));
    const refused = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(3_000) }).then(
      () => 'answered',
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    expect(refused).toBe('ECONNREFUSED');

    const response = await slow;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: unknown[][] }).rows).toEqual([[0]]);
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 40_000))])).toBe(0);
    expect(output()).toContain('stopped.');
    expect(isAlive(jvmPid), 'no JVM is left running').toBe(false);
    expect(readFileSync(join(dataDir, 'logs', 'launcher.log'), 'utf8')).toContain('neo4j stopped');
  }, 200_000);
});

describe('the seed is killed half-way', () => {
  let dataDir: string;
  let db: EmbeddedNeo4j;
  let driver: Driver;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'trove-seedkill-'));
    db = await startEmbeddedNeo4j({
      dataDir: join(dataDir, 'db'),
      port: 0,
      heapMb: 768,
      log: () => undefined,
    });
    driver = createDriver({ uri: db.uri, user: db.user, password: db.password });
    await waitForDatabase(driver);
  });
  afterAll(async () => {
    await driver?.close();
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A generated dataset of people who met, big enough that loading it takes a few seconds. */
  function writeDataset(n: number): string {
    return writeRingDataset(join(dataDir, 'dataset'), n, 'big');
  }

  function seed(file: string): {
    child: ChildProcess;
    done: Promise<{ code: number | null; signal: string | null; output: string }>;
  } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'seed/src/cli.ts', '--dataset', file], {
      cwd: root,
      env: { ...process.env, NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const done = new Promise<{ code: number | null; signal: string | null; output: string }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal, output })),
    );
    return { child, done };
  }

  async function duplicates(): Promise<{ entities: number; relationships: number; mentions: number }> {
    const { records } = await driver.executeQuery(`
      CALL () { MATCH (n:Entity) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS entities }
      CALL () { MATCH ()-[r]->() WHERE r.id IS NOT NULL WITH r.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS relationships }
      CALL () { MATCH (e)-[m:MENTIONED_IN]->(s) WITH e, s, m.start AS start, m.end AS end, count(*) AS c WHERE c > 1 RETURN count(*) AS mentions }
      RETURN entities, relationships, mentions`);
    return toPlain(records[0]!.toObject()) as { entities: number; relationships: number; mentions: number };
  }

  it('a re-run after SIGKILL completes, and nothing is duplicated or half-written', async () => {
    // 15,000 people: 60,000 records, enough for a batched loader to commit more than once.
    const file = writeDataset(15_000);
    // A clean load gives the reference: its content and how long a load takes on this machine.
    let started = Date.now();
    const clean = await seed(file).done;
    expect(clean.code, clean.output).toBe(0);
    const loadMs = Date.now() - started;
    const reference = { counts: await countAll(driver), checksum: await contentChecksum(driver) };
    expect(reference.counts.nodes).toBeGreaterThan(15_000);

    await wipeDatabase(driver);
    started = Date.now();
    const run = seed(file);
    // Killed while it writes: once a MERGE of relationships is running inside Neo4j (entities are
    // written by then), whether the load commits once or in batches.
    const writingAfterMs = await until('the seed to write relationships', 120_000, async () => {
      if (run.child.exitCode !== null) return -1;
      const { records } = await driver.executeQuery(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'MERGE (a)-[r:' AND NOT currentQuery CONTAINS 'SHOW' RETURN count(*) AS n",
      );
      return Number(records[0]?.get('n')) > 0 ? Date.now() - started : undefined;
    });
    expect(writingAfterMs, 'the seed was caught writing before it finished').toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    const afterKill = await countAll(driver);
    // Killed part-way: nothing (one transaction) or committed batches (a batched load), never all.
    expect(afterKill.nodes + afterKill.relationships).toBeLessThan(
      reference.counts.nodes + reference.counts.relationships,
    );

    const rerun = await seed(file).done;
    expect(rerun.code, rerun.output).toBe(0);
    expect(await countAll(driver)).toEqual(reference.counts);
    expect(await duplicates()).toEqual({ entities: 0, relationships: 0, mentions: 0 });
    expect(await contentChecksum(driver)).toBe(reference.checksum);
    recordFigures('faults-seed-kill', {
      cleanLoadMs: loadMs,
      killedAfterMs: writingAfterMs,
      leftAfterKill: afterKill,
      reference: reference.counts,
    });
  }, 240_000);
});
