// npm run seed                          load the default dataset
// npm run seed -- --dataset <file>      load another dataset
// npm run seed -- --check <file>        validate only; no database needed
//
// Connects with NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER (default neo4j) and
// NEO4J_PASSWORD (default: the password generated for the embedded database in NEO4J_DATA_DIR, or
// none when there is none). Exits non-zero on any error.
//
// While it loads it shows progress on stderr: one line redrawn in place on a terminal, a plain
// line every few seconds otherwise (logs, CI). It ends with the throughput on stdout.
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import {
  checkDataset,
  DatasetInvalidError,
  defaultDatasetPath,
  formatErrors,
  loadCompiledDataset,
  readDataset,
  type LoadOptions,
  type LoadSummary,
} from './index.js';
import { formatNumber as number, progressPrinter } from './progress.js';
import { displayPath } from './read.js';
import { readGeneratedPassword } from '../../neo4j/launcher.js';

function usage(): string {
  return [
    'usage: npm run seed [-- --dataset <file>] [--batch-size <rows>] [--transaction-size <rows>]',
    '       npm run seed -- --check <file>',
    '',
    '  --dataset <file>          the dataset to load (default: the article, seed/data/)',
    '  --check <file>            validate only; no database needed',
    '  --batch-size <rows>       rows per UNWIND statement (default 10000)',
    '  --transaction-size <rows> commit every this many rows (default: one transaction up to',
    '                            50,000 records, 20,000 rows per transaction above)',
    '',
    'env: NEO4J_URI (bolt://127.0.0.1:$NEO4J_BOLT_PORT, 7687), NEO4J_USER (neo4j), NEO4J_PASSWORD (empty: the embedded',
    "     database's generated one in NEO4J_DATA_DIR, .data/neo4j)",
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

async function load(file: string, options: LoadOptions): Promise<number> {
  // Read and validate before connecting: an invalid file should fail fast, even with no database.
  let started = performance.now();
  const read = await readDataset(file);
  if (!read.ok) {
    console.error(formatErrors(read.errors));
    console.error(`${read.errors.length} error(s); nothing was written.`);
    return 1;
  }
  const { dataset } = read;
  const relationships = dataset.data.relationships.length;
  const records =
    dataset.sources.length + dataset.data.entities.length + relationships + dataset.mentions.length;
  const readSeconds = (performance.now() - started) / 1000;

  const uri = process.env.NEO4J_URI || `bolt://127.0.0.1:${process.env.NEO4J_BOLT_PORT || '7687'}`;
  const user = process.env.NEO4J_USER || 'neo4j';
  // `npm start` and `npm run seed` side by side share the embedded database's generated password.
  const password =
    process.env.NEO4J_PASSWORD ||
    (process.env.NEO4J_URI ? '' : readGeneratedPassword(process.env.NEO4J_DATA_DIR || '.data/neo4j')) ||
    '';
  // No password means a server without authentication: the driver then sends the "none" scheme.
  const driver = neo4j.driver(uri, password === '' ? undefined : neo4j.auth.basic(user, password), {
    userAgent: 'trove-seed',
  });
  try {
    await driver.getServerInfo();
    if (records > 1000) {
      console.error(
        `${displayPath(file)}: ${number(records)} records (${number(relationships)} relationships, ${number(dataset.mentions.length)} mentions), read and validated in ${readSeconds.toFixed(1)} s`,
      );
    }
    started = performance.now();
    const summary = await loadCompiledDataset(driver, dataset, {
      ...options,
      // A small dataset loads in a blink: no progress for it.
      onProgress: records > 5000 ? progressPrinter(process.stderr.isTTY === true) : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(formatSummary(summary));
    console.log(
      `loaded ${number(relationships)} relationships (${number(records)} records) in ${seconds.toFixed(1)} s (${number(relationships / Math.max(seconds, 0.001))} rel/s)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DatasetInvalidError) console.error(formatErrors(error.errors));
    else console.error(`\nSeed failed, nothing was written: ${(error as Error).message}`);
    return 1;
  } finally {
    await driver.close();
  }
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  let values: {
    dataset?: string;
    check?: string;
    help?: boolean;
    'batch-size'?: string;
    'transaction-size'?: string;
  };
  let options: LoadOptions;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        dataset: { type: 'string' },
        check: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        'batch-size': { type: 'string' },
        'transaction-size': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
    options = {
      batchSize: positive('batch-size', values['batch-size']),
      transactionSize: positive('transaction-size', values['transaction-size']),
    };
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
  return load(values.dataset ?? defaultDatasetPath, options);
}

process.exitCode = await main(process.argv.slice(2));
