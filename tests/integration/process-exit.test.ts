// The README promises that the embedded Neo4j never outlives Trove: the JVM watches the stdin pipe
// the Node process holds open, and exits when it closes, even when Node is killed with SIGKILL and
// runs no shutdown code at all. A leftover JVM would keep the store locked for the next start.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited; only its parent has not collected it yet.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

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
    const [port, boltPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        NEO4J_URI: '',
        NEO4J_BOLT_PORT: String(boltPort),
        NEO4J_DATA_DIR: dataDir,
        NEO4J_HEAP_MB: '512',
        SEED_ON_START: 'true',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const pidFile = join(dataDir, 'launcher.pid');
    await until(
      'the app to be ready',
      180_000,
      () => output.includes('ready:') || child?.exitCode !== null,
      () => output,
    );
    expect(output, 'the app started').toContain('ready:');
    expect(existsSync(pidFile)).toBe(true);
    jvmPid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(jvmPid), 'the JVM runs while the app does').toBe(true);

    child.kill('SIGKILL');
    await until('the app to die', 10_000, () => child?.signalCode === 'SIGKILL');
    await until('the JVM to exit after its parent died', 60_000, () => !isAlive(jvmPid));
    expect(isAlive(jvmPid)).toBe(false);
  }, 240_000);
});
