import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const clientRoot = dirname(fileURLToPath(import.meta.url));
export const clientDist = join(clientRoot, 'dist');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** What the page is built from: its own folder and the shared contract and model it imports. */
const pageSources = [clientRoot, join(clientRoot, '..', 'contract'), join(clientRoot, '..', 'model')];

/**
 * True when client/dist is missing or older than any file of the page's source. A production image
 * ships dist without the sources, and never builds.
 */
export function clientNeedsBuild(): boolean {
  if (!existsSync(join(clientRoot, 'index.html'))) return false;
  const index = join(clientDist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return pageSources.some((dir) => existsSync(dir) && built < newestSourceTime(dir));
}

/** Builds the page with Vite when its sources changed; a production image ships dist and skips this. */
export function ensureClientBuilt(log: (line: string) => void = console.log): void {
  if (!clientNeedsBuild()) return;
  log('Building the page with Vite...');
  // A child process, so the server does not keep the bundler's memory for the rest of its life.
  const vite = join(clientRoot, '..', 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(clientRoot, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0)
    throw new Error(`Building the page failed (vite exit ${result.status ?? result.signal})`);
}
