// npm run seed                          load the default dataset
// npm run seed -- --dataset <file>      load another dataset
// npm run seed -- --check <file>        validate only; no database needed
// npm run seed -- --check <file> --against bolt://…   also against a live database ("$NEO4J_URI")
// npm run seed -- --migrate <file>      rewrite a trove-dataset/1 file as trove-dataset/2, in place
//
// Connects with NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER (default neo4j) and
// NEO4J_PASSWORD (default: the password generated for the embedded database in NEO4J_DATA_DIR, or
// none when there is none). Exits non-zero on any error.
//
// While it loads it shows progress on stderr: one line redrawn in place on a terminal, a plain
// line every few seconds otherwise (logs, CI). It ends with the throughput on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import type { DatasetFile } from './dataset.js';
import { storyWarnings, type StoryLike } from './editorial.js';
import neo4j, { type Driver } from 'neo4j-driver';
import { checkAgainstDatabase } from './check-db.js';
import { FORMAT_VERSION } from './dataset.js';
import { migrateFile } from './migrate.js';
import {
  checkDataset,
  DatasetInvalidError,
  defaultDatasetPath,
  formatError,
  formatErrors,
  loadCompiledDataset,
  readDataset,
  type LoadOptions,
  type LoadSummary,
  type ValidationError,
} from './index.js';
import { formatNumber as number, progressPrinter } from './progress.js';
import { displayPath } from './read.js';
import { readGeneratedPassword } from '../../neo4j/launcher.js';

function usage(): string {
  return [
    'usage: npm run seed [-- --dataset <file>] [--batch-size <rows>] [--transaction-size <rows>]',
    '       npm run seed -- --check <file> [--against <bolt uri>]',
    '       npm run seed -- --migrate <file> [--out <file>]',
    '',
    '  --dataset <file>          the dataset to load (default: the article, seed/data/)',
    '  --check <file>            validate only; with --against <uri> (e.g. "$NEO4J_URI") also',
    '                            against that database: every conflict at once, nothing written',
    '  --migrate <file>          rewrite a trove-dataset/1 file as trove-dataset/2 (claims); quotes,',
    '                            comments and layout stay; a file already in format 2 is left alone',
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

function connect(uri: string): Driver {
  const user = process.env.NEO4J_USER || 'neo4j';
  // `npm start` and `npm run seed` side by side share the embedded database's generated password.
  const password =
    process.env.NEO4J_PASSWORD ||
    (process.env.NEO4J_URI ? '' : readGeneratedPassword(process.env.NEO4J_DATA_DIR || '.data/neo4j')) ||
    '';
  // No password means a server without authentication: the driver then sends the "none" scheme.
  return neo4j.driver(uri, password === '' ? undefined : neo4j.auth.basic(user, password), {
    userAgent: 'trove-seed',
  });
}

const storiesDir = fileURLToPath(new URL('../stories/', import.meta.url));

/** The built-in stories tell the default dataset: their captions are checked against its quotes. */
function builtInStoryWarnings(data: DatasetFile, texts: ReadonlyMap<string, string>): ValidationError[] {
  return readdirSync(storiesDir)
    .filter((name) => name.endsWith('.story.yaml'))
    .sort()
    .flatMap((name) => {
      const path = join(storiesDir, name);
      const counter = new LineCounter();
      const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: counter });
      return storyWarnings(doc.toJS() as StoryLike, data, texts).map((w) => {
        const node = doc.getIn(w.path, true) as { range?: [number, number, number] } | undefined;
        const line = node?.range ? counter.linePos(node.range[0]).line : undefined;
        return { file: displayPath(path), record: w.record, problem: w.problem, line };
      });
    });
}

// A generated dataset can have thousands: the first ones show what to fix.
const PRINTED_WARNINGS = 200;

function printWarnings(warnings: readonly ValidationError[]): void {
  for (const w of warnings.slice(0, PRINTED_WARNINGS))
    console.warn(formatError({ ...w, problem: `warning: ${w.problem}` }));
  if (warnings.length > PRINTED_WARNINGS) console.warn(`… and ${warnings.length - PRINTED_WARNINGS} more`);
  if (warnings.length > 0)
    console.warn(`${warnings.length} editorial warning(s) to review (seed/README.md, "The editorial rule").`);
}

async function check(file: string, against: string | undefined): Promise<number> {
  const result = await checkDataset(file);
  if (!result.ok) {
    console.error(formatErrors(result.errors));
    console.error(`${result.errors.length} error(s); nothing was written.`);
    return 1;
  }
  const c = result.counts;
  if (!c) return 1;
  const warnings = [...result.warnings, ...(result.placeWarnings ?? [])];
  if (resolve(file) === defaultDatasetPath && result.data)
    warnings.push(...builtInStoryWarnings(result.data, result.texts ?? new Map()));
  printWarnings(warnings);
  console.log(
    `${displayPath(file)} is valid: ${c.sources} source(s), ${c.entities} entities, ${c.relationships} relationships, ${c.mentions} mentions (${c.curatedMentions} curated)`,
  );
  if (against === undefined) return 0;
  const read = await readDataset(file);
  if (!read.ok) return 1;
  const driver = connect(against);
  try {
    const { errors, notes } = await checkAgainstDatabase(driver, read.dataset);
    if (notes.length > 0) console.log(formatErrors(notes));
    if (errors.length > 0) {
      console.error(formatErrors(errors));
      console.error(`${errors.length} conflict(s) with ${against}; loading would write nothing.`);
      return 1;
    }
    console.log(`no conflict with ${against}${notes.length > 0 ? ` (${notes.length} note(s) above)` : ''}`);
    return 0;
  } catch (error) {
    console.error(`cannot check against ${against}: ${(error as Error).message}`);
    return 1;
  } finally {
    await driver.close();
  }
}

async function migrate(file: string, out: string | undefined): Promise<number> {
  try {
    const result = await migrateFile(file, out);
    console.log(
      result.changed
        ? `${displayPath(out ?? file)}: ${FORMAT_VERSION}, ${result.relationships} relationships, ${result.claims} claims`
        : `${displayPath(file)} is already ${FORMAT_VERSION}; nothing to do`,
    );
    const check = await checkDataset(out ?? file);
    if (!check.ok) {
      console.error(formatErrors(check.errors));
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`${displayPath(file)}: ${(error as Error).message}`);
    return 1;
  }
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

  const driver = connect(
    process.env.NEO4J_URI || `bolt://127.0.0.1:${process.env.NEO4J_BOLT_PORT || '7687'}`,
  );
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
    if (summary.notes && summary.notes.length > 0) console.log(formatErrors(summary.notes));
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
    against?: string;
    migrate?: string;
    out?: string;
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
        against: { type: 'string' },
        migrate: { type: 'string' },
        out: { type: 'string' },
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
  if (values.migrate !== undefined) return migrate(values.migrate, values.out);
  if (values.check !== undefined)
    // Only when asked: NEO4J_URI is set in most shells that load, and --check must work without a database.
    return check(values.check, values.against);
  return load(values.dataset ?? defaultDatasetPath, options);
}

process.exitCode = await main(process.argv.slice(2));
