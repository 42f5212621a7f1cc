// Trove as a user starts it (`npm start`'s own entry point) in a child process, for the tests that
// signal or kill it: their whole point is a real process with its embedded JVM.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export interface SpawnedTrove {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
}

/** Starts server/src/main.ts on free ports with its own embedded Neo4j in `dataDir`, seeded. */
export async function spawnTrove(dataDir: string, cwd = process.cwd()): Promise<SpawnedTrove> {
  const [port, boltPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd,
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
  return { child, port, output: () => output };
}
