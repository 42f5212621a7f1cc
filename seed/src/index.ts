// The seed's public surface: the app calls applySchema and seedIfEmpty on start; the CLI and the
// tests use the rest.
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import type { DatasetFile } from './dataset.js';
import { loadDataset, type LoadOptions, type LoadSummary } from './load.js';
import { readDataset } from './read.js';
import { locationWarnings } from './locations.js';
import type { ValidationError } from './validate.js';

export { applySchema, FULLTEXT_INDEX, type SchemaOptions } from './schema.js';
export {
  DatasetInvalidError,
  InjectedFailureError,
  LoadConflictError,
  loadCompiledDataset,
  loadInTransaction,
  takeBackIn,
  type LoadRecord,
  loadDataset,
  totals,
  type LoadOptions,
  type LoadProgress,
  type LoadSummary,
  type Tally,
} from './load.js';
export { readDataset, type CompiledDataset } from './read.js';
export { formatError, formatErrors, type ValidationError } from './validate.js';

/** The article's dataset, loaded by `npm run seed` and on first start. */
export const defaultDatasetPath = fileURLToPath(
  new URL('../data/no-mercy-in-xinjiang.yaml', import.meta.url),
);

export interface CheckResult {
  ok: boolean;
  errors: ValidationError[];
  /** Editorial warnings of a valid dataset (see editorial.ts): to review, not errors. */
  warnings: ValidationError[];
  /** The parsed dataset and its source texts by source id, when it is valid. */
  data?: DatasetFile;
  texts?: ReadonlyMap<string, string>;
  /** Record counts of a valid dataset. */
  /** Places the map cannot show (no location): printed by `--check`, never a reason not to load. */
  placeWarnings?: ValidationError[];
  counts?: {
    sources: number;
    entities: number;
    relationships: number;
    mentions: number;
    curatedMentions: number;
  };
}

/** Validates a dataset file without touching any database. */
export async function checkDataset(path: string): Promise<CheckResult> {
  const read = await readDataset(path);
  if (!read.ok) return { ok: false, errors: read.errors, warnings: [] };
  const { data, mentions } = read.dataset;
  return {
    ok: true,
    errors: [],
    warnings: read.dataset.warnings ?? [],
    placeWarnings: locationWarnings(data.entities).map((w) => ({
      file: read.dataset.file,
      ...w,
      line: read.dataset.lineOf?.(w.path),
    })),
    data,
    texts: new Map(read.dataset.sources.map((s) => [s.id, s.text])),
    counts: {
      sources: data.sources.length,
      entities: data.entities.length,
      relationships: data.relationships.length,
      mentions: mentions.length,
      curatedMentions: mentions.filter((m) => m.curated).length,
    },
  };
}

/** Loads the default dataset when the database has no entity yet; returns null when it had some. */
export async function seedIfEmpty(driver: Driver, options: LoadOptions = {}): Promise<LoadSummary | null> {
  const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) > 0 AS seeded');
  if (records[0]?.get('seeded') === true) return null;
  return loadDataset(driver, defaultDatasetPath, options);
}
