// `npx tsx bench/import-alone.ts [--quick] [--profile] [--no-browser]`: the import's stage of the
// bench on its own (embedded Neo4j with the article, the app in this process, the page as of this
// tree), for working on the import without the whole `npm run bench`. --profile prints the app's
// top frames by self time while the API part runs (the app is in this process).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedNeo4j } from '../neo4j/launcher.js';
import { applySchema, seedIfEmpty } from '../seed/src/index.js';
import { loadConfig } from '../server/src/config.js';
import { createDriver, waitForDatabase } from '../server/src/db/driver.js';
import { createLogger } from '../server/src/logger.js';
import { listen } from '../server/src/server.js';
import { benchImport } from './import.js';
import { LoadProfiler } from './profile.js';
import { markdownTable, type Figure } from './stats.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      'no-api': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const browser = values['no-browser'] !== true;
  const pageDir = await mkdtemp(join(tmpdir(), 'trove-bench-page-'));
  if (browser) {
    const vite = join(import.meta.dirname, '..', 'node_modules', 'vite', 'bin', 'vite.js');
    const config = join(import.meta.dirname, '..', 'client', 'vite.config.ts');
    const build = spawnSync(
      process.execPath,
      [vite, 'build', '--config', config, '--outDir', pageDir, '--emptyOutDir', '--logLevel', 'warn'],
      { stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error('vite build of the page failed');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'trove-bench-neo4j-'));
  const neo = await startEmbeddedNeo4j({
    dataDir,
    port: 0,
    heapMb: 512,
    pageCacheMb: 128,
    txTimeoutMs: 600_000,
    log: () => undefined,
  });
  const driver = createDriver({ uri: neo.uri, user: neo.user, password: neo.password });
  const figures: Figure[] = [];
  try {
    await waitForDatabase(driver);
    await applySchema(driver);
    await seedIfEmpty(driver);
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000' });
    const server = await listen(
      { driver, config, logger: createLogger('silent') },
      { host: '127.0.0.1', port: 0, clientDir: pageDir },
    );
    try {
      if (browser) figures.push(...(await benchImport(server.url, quick, { api: false })));
      if (values['no-api'] !== true) {
        const profiler = values.profile ? new LoadProfiler() : undefined;
        await profiler?.open();
        await profiler?.start();
        figures.push(...(await benchImport(server.url, quick, { review: false })));
        await profiler?.stop();
        if (profiler) {
          console.log('top frames by self time while importing:');
          for (const f of profiler.top(30))
            console.log(
              `  ${f.selfMs.toFixed(0).padStart(6)} ms ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.frame}`,
            );
        }
      }
    } finally {
      await server.close(1000);
    }
  } finally {
    await driver.close();
    await neo.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(pageDir, { recursive: true, force: true });
  }
  console.log(markdownTable(figures));
}

await main();
