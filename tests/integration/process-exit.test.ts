// The README promises that the embedded Neo4j never outlives Trove: the JVM watches the stdin pipe
// the Node process holds open, and exits when it closes, even when Node is killed with SIGKILL and
// runs no shutdown code at all. A leftover JVM would keep the store locked for the next start.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../neo4j/launcher.js';
import { spawnTrove } from '../support/processes.js';

async function until(what: string, timeoutMs: number, check: () => boolean, said = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${said().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the Node process is killed with SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trove-sigkill-'));
  let child: ChildProcess | undefined;
  let jvmPid = 0;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // Whatever this test proves or not, it leaves no JVM behind.
    if (jvmPid > 0 && isAlive(jvmPid)) process.kill(jvmPid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the embedded JVM down with it', async () => {
    const trove = await spawnTrove(dataDir);
    child = trove.child;
    const output = trove.output;
    const pidFile = join(dataDir, 'launcher.pid');
    await until(
      'the app to be ready',
      180_000,
      () => output().includes('ready:') || child?.exitCode !== null,
      output,
    );
    expect(output(), 'the app started').toContain('ready:');
    expect(existsSync(pidFile)).toBe(true);
    jvmPid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(jvmPid), 'the JVM runs while the app does').toBe(true);

    child.kill('SIGKILL');
    await until('the app to die', 10_000, () => child?.signalCode === 'SIGKILL');
    await until('the JVM to exit after its parent died', 60_000, () => !isAlive(jvmPid));
    expect(isAlive(jvmPid)).toBe(false);
  }, 240_000);
});
