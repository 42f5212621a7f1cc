// `npx tsx bench/import-alone.ts [--quick] [--profile] [--no-browser]`: the import's stage of the
// bench on its own (embedded Neo4j with the article, the app in this process, the page as of this
// tree), for working on the import without the whole `npm run bench`. --profile prints the app's
// top frames by self time while the API part runs (the app is in this process).
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { benchImport } from './import.js';
import { LoadProfiler } from './profile.js';
import { buildPage, startArticleStack } from './page-stack.js';
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
  const pageDir = await buildPage(browser);
  const figures: Figure[] = [];
  try {
    const server = await startArticleStack(pageDir);
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
      await server.close();
    }
  } finally {
    await rm(pageDir, { recursive: true, force: true });
  }
  console.log(markdownTable(figures));
}

await main();
