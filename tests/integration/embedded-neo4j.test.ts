import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedNeo4j } from '../../neo4j/launcher.js';
import { createDriver, waitForDatabase } from '../../server/src/db/driver.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A small Neo4j on a free port: these tests are about its lifecycle, not its speed. */
function startSmall(dataDir: string, password = '') {
  return startEmbeddedNeo4j({
    dataDir,
    port: 0,
    heapMb: 256,
    pageCacheMb: 16,
    password,
    log: () => undefined,
  });
}

async function countProbes({ uri, password }: { uri: string; password: string }): Promise<number> {
  const driver = createDriver({ uri, user: 'neo4j', password });
  try {
    await waitForDatabase(driver, 30_000);
    const { records } = await driver.executeQuery('MATCH (p:Probe) RETURN count(p) AS n');
    return Number(records[0]!.get('n'));
  } finally {
    await driver.close();
  }
}

// The launcher's own lifecycle, on a second store of its own: what `npm start` relies on.
describe('the embedded Neo4j launcher', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trove-launcher-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data across a clean stop, recovers after kill -9, and leaves no process behind', async () => {
    const first = await startSmall(dataDir);
    const driver = createDriver({ uri: first.uri, user: 'neo4j', password: first.password });
    await driver.executeQuery('CREATE (:Probe {n: 1})');
    await driver.close();
    await first.stop();
    expect(alive(first.pid)).toBe(false);

    const second = await startSmall(dataDir);
    expect(await countProbes(second)).toBe(1);
    const writer = createDriver({ uri: second.uri, user: 'neo4j', password: second.password });
    await writer.executeQuery('CREATE (:Probe {n: 2})');
    await writer.close();
    process.kill(second.pid, 'SIGKILL');
    await second.stop();
    expect(alive(second.pid)).toBe(false);

    // The store was not shut down cleanly: the next start must recover it, committed data intact.
    const third = await startSmall(dataDir);
    try {
      expect(await countProbes(third)).toBe(2);
    } finally {
      await third.stop();
    }
    expect(alive(third.pid)).toBe(false);
  }, 180_000);

  it('turns away a second launcher on the same store by stopping the leftover first', async () => {
    const leftover = await startSmall(dataDir);
    const next = await startSmall(dataDir);
    try {
      expect(alive(leftover.pid)).toBe(false);
      expect(await countProbes(next)).toBe(2);
    } finally {
      await next.stop();
      await leftover.stop();
    }
  }, 180_000);

  it('requires the configured password when authentication is on', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'trove-launcher-auth-'));
    const password = 'a-local-test-password';
    const secured = await startSmall(authDir, password);
    try {
      const anonymous = createDriver({ uri: secured.uri, user: 'neo4j', password: '' });
      await expect(anonymous.getServerInfo()).rejects.toThrow(/auth|credentials|unauthorized/i);
      await anonymous.close();
      const wrong = createDriver({ uri: secured.uri, user: 'neo4j', password: `${password}-wrong` });
      await expect(wrong.getServerInfo()).rejects.toThrow(/auth|credentials|unauthorized/i);
      await wrong.close();
      const right = createDriver({ uri: secured.uri, user: 'neo4j', password });
      const { records } = await right.executeQuery('RETURN 1 AS one');
      expect(Number(records[0]!.get('one'))).toBe(1);
      await right.close();
    } finally {
      await secured.stop();
      rmSync(authDir, { recursive: true, force: true });
    }
  }, 120_000);
});
