// npm run seed                          load the default dataset
// npm run seed -- --dataset <file>      load another dataset
// npm run seed -- --check <file>        validate only; no database needed
//
// Connects with NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER (default neo4j) and
// NEO4J_PASSWORD (default empty: no authentication). Exits non-zero on any error.
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import {
  checkDataset,
  DatasetInvalidError,
  defaultDatasetPath,
  formatErrors,
  loadDataset,
  readDataset,
  type LoadProgress,
  type LoadSummary,
} from './index.js';
import { displayPath } from './read.js';

const LARGE_DATASET = 5_000;

function usage(): string {
  return [
    'usage: npm run seed [-- --dataset <file>]',
    '       npm run seed -- --check <file>',
    '',
    'env: NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_USER (neo4j), NEO4J_PASSWORD (empty: no auth)',
  ].join('\n');
}

function formatSummary(summary: LoadSummary): string {
  const rows = ['sources', 'entities', 'relationships', 'mentions'] as const;
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  return [
    `Loaded ${summary.dataset}`,
    `${''.padEnd(15)}${pad('created', 9)}${pad('updated', 9)}${pad('unchanged', 11)}`,
    ...rows.map(
      (k) =>
        `  ${k.padEnd(13)}${pad(summary.created[k], 9)}${pad(summary.updated[k], 9)}${pad(summary.unchanged[k], 11)}`,
    ),
  ].join('\n');
}

function progressPrinter(): (p: LoadProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.done < p.total) return;
    last = now;
    const percent = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    process.stderr.write(`\r  writing ${p.phase.padEnd(13)} ${p.done}/${p.total} (${percent}%)`);
    if (p.done >= p.total) process.stderr.write('\n');
  };
}

async function check(file: string): Promise<number> {
  const result = await checkDataset(file);
  if (!result.ok) {
    console.error(formatErrors(result.errors));
    console.error(`${result.errors.length} error(s); nothing was written.`);
    return 1;
  }
  const c = result.counts;
  if (!c) return 1;
  console.log(
    `${displayPath(file)} is valid: ${c.sources} source(s), ${c.entities} entities, ${c.relationships} relationships, ${c.mentions} mentions (${c.curatedMentions} curated)`,
  );
  return 0;
}

async function load(file: string): Promise<number> {
  // Read and validate before connecting: an invalid file should fail fast, even with no database.
  const read = await readDataset(file);
  if (!read.ok) {
    console.error(formatErrors(read.errors));
    console.error(`${read.errors.length} error(s); nothing was written.`);
    return 1;
  }
  const { data } = read.dataset;
  const records = data.entities.length + data.relationships.length + read.dataset.mentions.length;
  const showProgress = records > LARGE_DATASET && process.stderr.isTTY === true;

  const uri = process.env.NEO4J_URI || 'bolt://127.0.0.1:7687';
  const user = process.env.NEO4J_USER || 'neo4j';
  const password = process.env.NEO4J_PASSWORD ?? '';
  // No password means a server without authentication: the driver then sends the "none" scheme.
  const driver = neo4j.driver(uri, password === '' ? undefined : neo4j.auth.basic(user, password), {
    userAgent: 'trove-seed',
  });
  try {
    await driver.getServerInfo();
    const summary = await loadDataset(driver, file, showProgress ? { onProgress: progressPrinter() } : {});
    console.log(formatSummary(summary));
    return 0;
  } catch (error) {
    if (error instanceof DatasetInvalidError) console.error(formatErrors(error.errors));
    else console.error(`Seed failed, nothing was written: ${(error as Error).message}`);
    return 1;
  } finally {
    await driver.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let values: { dataset?: string; check?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        dataset: { type: 'string' },
        check: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage()}`);
    return 2;
  }
  if (values.help) {
    console.log(usage());
    return 0;
  }
  if (values.check !== undefined && values.dataset !== undefined) {
    console.error(`--check and --dataset cannot be combined\n${usage()}`);
    return 2;
  }
  if (values.check !== undefined) return check(values.check);
  return load(values.dataset ?? defaultDatasetPath);
}

process.exitCode = await main(process.argv.slice(2));
