// The page of this tree served by the app on the article's graph, for the page, map and import
// stages of the bench (bench/run.ts) and for bench/import-alone.ts.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { clientDist, clientNeedsBuild } from '../client/build.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../neo4j/launcher.js';
import { applySchema, seedIfEmpty } from '../seed/src/index.js';
import { loadConfig } from '../server/src/config.js';
import { createDriver, waitForDatabase } from '../server/src/db/driver.js';
import { createLogger } from '../server/src/logger.js';
import { listen } from '../server/src/server.js';
import { deleteAllRelationships } from './raw-load.js';

/** Empties a store: the links first, in batches, then the nodes. */
export async function emptyStore(driver: Driver): Promise<void> {
  await deleteAllRelationships(driver);
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/**
 * The page as of this tree, built apart from client/dist (which other work may be rebuilding), into
 * a temporary folder the caller removes. `build` false: an empty folder, for a run without the page.
 */
export async function buildPage(build = true, reuseFresh = false): Promise<string> {
  const pageDir = await mkdtemp(join(tmpdir(), 'trove-bench-page-'));
  if (!build) return pageDir;
  // A quick run right after `npm test` (CI) finds the page just built from this tree: a copy of it
  // is the same page, without a second Vite build.
  if (reuseFresh && !clientNeedsBuild()) {
    await cp(clientDist, pageDir, { recursive: true });
    return pageDir;
  }
  const root = join(import.meta.dirname, '..');
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(root, 'client', 'vite.config.ts'),
      '--outDir',
      pageDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('vite build of the page failed');
  return pageDir;
}

export interface ArticleStack {
  url: string;
  close(): Promise<void>;
}

/** An embedded Neo4j of the bench's own, on a temporary store and a free port. */
export async function startBenchStore(memory: {
  heapMb: number;
  pageCacheMb: number;
}): Promise<RunningStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trove-bench-neo4j-'));
  const neo = await startEmbeddedNeo4j({
    dataDir,
    port: 0,
    ...memory,
    txTimeoutMs: 600_000,
    // A busy shared machine can take minutes to start a JVM; failing then says nothing about Trove.
    readyTimeoutMs: 600_000,
    log: () => undefined,
  });
  return { neo, dataDir };
}

/** An embedded Neo4j that is running, and its temporary store, which whoever stops it removes. */
export interface RunningStore {
  neo: EmbeddedNeo4j;
  dataDir: string;
}

/**
 * The article on an embedded Neo4j, and the app in this process serving `pageDir`. `reuse`: a store
 * a scale of the run handed over (a quick run), emptied and seeded instead of starting another JVM.
 */
export async function startArticleStack(pageDir: string, reuse?: RunningStore): Promise<ArticleStack> {
  const { neo, dataDir } = reuse ?? (await startBenchStore({ heapMb: 512, pageCacheMb: 128 }));
  const driver = createDriver({ uri: neo.uri, user: neo.user, password: neo.password });
  const stop = async (): Promise<void> => {
    await driver.close();
    await neo.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForDatabase(driver);
    if (reuse) await emptyStore(driver);
    await applySchema(driver);
    await seedIfEmpty(driver);
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000' });
    const server = await listen(
      { driver, config, logger: createLogger('silent') },
      { host: '127.0.0.1', port: 0, clientDir: pageDir },
    );
    return {
      url: server.url,
      close: async () => {
        try {
          await server.close(1000);
        } finally {
          await stop();
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
