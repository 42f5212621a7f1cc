// Writes a validated dataset into Neo4j: in one write transaction (all of it or nothing) up to
// BATCHED_LOAD_THRESHOLD records, in transactions of `transactionSize` rows above (see loadBatched).
//
// The loader reads what the database already holds for the dataset's ids, computes the properties
// each node and relationship should have (merging with what other datasets put there), and then
// writes only what differs. That makes a second run write nothing, and lets it count created /
// updated / unchanged honestly instead of trusting MERGE's counters (which report a property as set
// even when the value did not change).
//
// Speed: it reads only what can exist. What the database held when the load began (any entity at
// all? which relationship types?) is read once from Neo4j's count store, so a load into an empty
// database reads nothing back, and a relationship is looked up by its own type's id index first.
// Rows are written by UNWIND statements of `batchSize` rows, grouped by label and type so that every
// statement is one plan with one index per lookup; mentions known to be new are CREATEd (a MERGE
// on MENTIONED_IN has no index and would walk the mentions of its source or entity).
import { resolve } from 'node:path';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { LABEL } from '../../model/index.js';
import { checkAgainstDatabase } from './check-db.js';
import { withSurvivorIds } from './merged-ids.js';
import { dropUnusedCounter, endLoadLease, takeWriteLock, type LoadLease } from './write-lock.js';
import type { DatasetEntity, DatasetRelationship } from './dataset.js';
import type { Mention } from './mentions.js';
import { readDataset, type CompiledDataset, type CompiledSource } from './read.js';
import { applySchema } from './schema.js';
import type { ValidationError } from './validate.js';
import {
  type Tally,
  type LoadSummary,
  type LoadPhase,
  type LoadOptions,
  type DatasetShard,
  BATCHED_LOAD_THRESHOLD,
  DEFAULT_TRANSACTION_SIZE,
  SOURCE_TEXT_PER_TRANSACTION,
  DatasetInvalidError,
} from './load/options.js';
import { type Plan, planSources } from './load/sources.js';
import { datasetOrigin, planEntities } from './load/entities.js';
import { planRelationships } from './load/relationships.js';
import { planMentions } from './load/mentions.js';
import { emptyLoadRecord, takeBack, type LoadRecord } from './load/take-back.js';
import { type Baseline, everyTypeBaseline, readBaseline } from './load/baseline.js';
import {
  Progress,
  BatchWriter,
  grouped,
  writeSources,
  writeEntities,
  writeRelationships,
  writeMentions,
} from './load/write.js';
export {
  type Tally,
  type LoadSummary,
  type LoadPhase,
  type LoadProgress,
  type LoadOptions,
  type DatasetShard,
  BATCHED_LOAD_THRESHOLD,
  DEFAULT_BATCH_SIZE,
  DEFAULT_TRANSACTION_SIZE,
  DatasetInvalidError,
  LoadConflictError,
  InjectedFailureError,
} from './load/options.js';
export {
  datasetOrigin,
  type FieldAlternative,
  storedAlternatives,
  entityFieldConflicts,
  mergedEntityProps,
} from './load/entities.js';
export { mergedRelationshipProps, ASSERTION_KEYS } from './load/relationships.js';
export { takeBackIn, type LoadRecord } from './load/take-back.js';

// ---- loading ----------------------------------------------------------------------------------

function chunks<T>(rows: readonly T[], size: number): T[][] {
  if (rows.length <= size) return rows.length === 0 ? [] : [[...rows]];
  const out: T[][] = [];
  for (let at = 0; at < rows.length; at += size) out.push(rows.slice(at, at + size));
  return out;
}

/**
 * Sources in chunks of at most `size` and of at most SOURCE_TEXT_PER_TRANSACTION characters of text:
 * a corpus of 4,000 texts is 100 MB, more than a transaction may hold (db.memory.transaction.max).
 */
export function textChunks(sources: readonly CompiledSource[], size: number): CompiledSource[][] {
  const out: CompiledSource[][] = [];
  let chunk: CompiledSource[] = [];
  let chars = 0;
  for (const source of sources) {
    if (
      chunk.length > 0 &&
      (chunk.length >= size || chars + source.text.length > SOURCE_TEXT_PER_TRANSACTION)
    ) {
      out.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(source);
    chars += source.text.length;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

/** Runs one unit of work: in the load's single transaction, or in a transaction of its own. */
type Step = <T>(work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>;

function emptyTally(): Tally {
  return { sources: 0, entities: 0, relationships: 0, mentions: 0 };
}

function pushAll<T>(target: T[], rows: readonly T[]): void {
  for (const row of rows) target.push(row);
}

/**
 * The load, phase by phase, each phase in chunks of `chunkSize` rows that `step` runs: each chunk
 * plans (reads what is stored for its rows) and writes what differs, so memory stays flat however
 * large the dataset is. `undo` collects what committed chunks did.
 */
async function runLoad(
  step: Step,
  baseline: Baseline,
  dataset: CompiledDataset,
  options: LoadOptions,
  chunkSize: number,
  undo?: LoadRecord,
): Promise<LoadSummary> {
  const { data } = dataset;
  const total =
    dataset.sources.length + data.entities.length + data.relationships.length + dataset.mentions.length;
  const progress = new Progress(total, options.onProgress);
  const summary: LoadSummary = {
    dataset: dataset.file,
    created: emptyTally(),
    updated: emptyTally(),
    unchanged: emptyTally(),
  };
  const count = (key: keyof Tally, plan: Plan<unknown>): void => {
    summary.created[key] += plan.created.length;
    summary.updated[key] += plan.updated.length;
    summary.unchanged[key] += plan.unchanged;
  };
  /** One chunk: plan and write inside `step`, and count what was found unchanged as done too. */
  const chunk = async <R>(
    phase: LoadPhase,
    rows: number,
    work: (tx: ManagedTransaction, writer: BatchWriter) => Promise<Plan<R>>,
  ): Promise<Plan<R>> => {
    const mark = progress.mark();
    return step(async (tx) => {
      progress.reset(mark);
      const plan = await work(tx, new BatchWriter(tx, progress, options));
      const written = plan.created.length + plan.updated.length;
      if (rows > written) progress.add(phase, rows - written);
      return plan;
    });
  };

  const datasetSources = new Set(dataset.sources.map((s) => s.id));
  const storedSources = new Set<string>();
  const vocabulary = new Set(Object.keys(data.vocabulary.relationshipTypes));
  // What this load created: links and mentions hanging off it need no place in the undo log (it
  // deletes them with their nodes), so the log of a sharded load does not grow with the dataset.
  const createdSources = new Set<string>();
  const createdEntities = new Set<string>();
  // The first shard is read before the entities: their fields are attributed to its first source
  // when the dataset has none of its own, as they would be if it were one file.
  const shards = options.shards?.[Symbol.asyncIterator]();
  let shard = await shards?.next();
  const origin = datasetOrigin(dataset.sources.length === 0 && shard?.done === false ? shard.value : dataset);

  const loadSources = async (sources: readonly CompiledSource[]): Promise<void> => {
    for (const rows of textChunks(sources, chunkSize)) {
      const plan = await chunk('sources', rows.length, async (tx, writer) => {
        const p = await planSources(tx, rows);
        await writeSources(writer, [...p.created, ...p.updated]);
        return p;
      });
      count('sources', plan);
      const created = new Set(plan.created.map((s) => s.id));
      for (const source of rows) if (!created.has(source.id)) storedSources.add(source.id);
      if (undo) {
        pushAll(undo.sources, [...created]);
        for (const id of created) createdSources.add(id);
        pushAll(undo.previousSources, plan.previous);
      }
    }
  };
  const loadEntities = async (entities: readonly DatasetEntity[]): Promise<void> => {
    for (const rows of chunks(
      grouped(entities, (e) => e.kind),
      chunkSize,
    )) {
      const plan = await chunk('entities', rows.length, async (tx, writer) => {
        const p = await planEntities(tx, rows, origin, baseline.entities);
        await writeEntities(writer, p);
        return p;
      });
      count('entities', plan);
      if (undo) {
        for (const row of plan.created) {
          undo.entities.push(row.id);
          createdEntities.add(row.id);
        }
        pushAll(undo.previousEntities, plan.previous);
      }
    }
  };
  const loadRelationships = async (relationships: readonly DatasetRelationship[]): Promise<void> => {
    for (const rows of chunks(
      grouped(relationships, (r) => r.type),
      chunkSize,
    )) {
      const plan = await chunk('relationships', rows.length, async (tx, writer) => {
        const p = await planRelationships(tx, rows, datasetSources, baseline.relationshipTypes);
        await writeRelationships(writer, [...p.created, ...p.updated], vocabulary);
        return p;
      });
      count('relationships', plan);
      if (undo) {
        for (const r of plan.created)
          if (!createdEntities.has(r.from) && !createdEntities.has(r.to))
            undo.relationships.push({ id: r.id, type: r.type });
        pushAll(undo.previousRelationships, plan.previous);
      }
    }
  };
  // Mentions come grouped by source, so a chunk's lookup reads a few sources' mentions only.
  const loadMentions = async (mentions: readonly Mention[]): Promise<void> => {
    for (const rows of chunks(mentions, chunkSize)) {
      const plan = await chunk('mentions', rows.length, async (tx, writer) => {
        const p = await planMentions(tx, rows, storedSources);
        await writeMentions(writer, p);
        return p;
      });
      count('mentions', plan);
      if (undo) {
        for (const m of plan.created)
          if (!createdSources.has(m.source) && !createdEntities.has(m.entity)) undo.mentions.push(m);
        pushAll(undo.previousMentions, plan.previous);
      }
    }
  };

  await loadSources(dataset.sources);
  await loadEntities(data.entities);
  await loadRelationships(data.relationships);
  await loadMentions(dataset.mentions);
  while (shards && shard?.done === false) {
    const { sources, relationships, mentions } = shard.value;
    progress.total += sources.length + relationships.length + mentions.length;
    for (const source of sources) datasetSources.add(source.id);
    await loadSources(sources);
    await loadRelationships(relationships);
    await loadMentions(mentions);
    shard = await shards.next();
  }
  // The vocabulary's descriptions, for /api/vocabulary: the first dataset's wording stays (a later
  // one that words a type differently does not replace it). Last, so a failed load has not written it.
  const vocabularyRows = Object.entries(data.vocabulary.relationshipTypes).map(([name, def]) => ({
    name,
    description: def.description,
    from: def.from ?? null,
    to: def.to ?? null,
  }));
  if (vocabularyRows.length > 0) {
    const created = await step(async (tx) => {
      const result = await tx.run(
        `UNWIND $rows AS row
         OPTIONAL MATCH (old:${LABEL.relationshipType} {id: row.name})
         WITH row, old IS NULL AS isNew
         MERGE (t:${LABEL.relationshipType} {id: row.name})
           ON CREATE SET t.description = row.description, t.from = row.from, t.to = row.to
         WITH row, isNew WHERE isNew
         RETURN row.name AS name`,
        { rows: vocabularyRows },
      );
      return result.records.map((r) => r.get('name') as string);
    });
    if (undo) pushAll(undo.vocabulary, created);
  }
  return summary;
}

/**
 * One batch of the load `load`: a write transaction that takes the graph's write lock first and
 * renews the load's claim on the graph (write-lock.ts). Other writers are refused until the load
 * ends: a merge committed between two batches would be written over if the load failed and took its
 * batches back.
 */
async function inTransaction<T>(
  driver: Driver,
  work: (tx: ManagedTransaction) => Promise<T>,
  load: LoadLease,
): Promise<{ result: T; createdCounter: boolean }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite(async (tx) => {
      const createdCounter = await takeWriteLock(tx, load);
      return { result: await work(tx), createdCounter };
    });
  } finally {
    await session.close();
  }
}

/** Takes back what the committed batches of a failed load did, in transactions of their own. */
async function undoBatches(driver: Driver, undo: LoadRecord, load: LoadLease): Promise<void> {
  const size = 5_000;
  await takeBack(
    {
      run: async (query, rows) => {
        for (const part of chunks(rows, size))
          await inTransaction(driver, (tx) => tx.run(query, { rows: part }), load);
      },
      // A few nodes per transaction: a hub takes thousands of links.
      detachDelete: async (label, ids) => {
        for (const part of chunks(ids, size)) {
          const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
          try {
            await session.run(
              `UNWIND $ids AS id MATCH (n:${label} {id: id}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS`,
              { ids: part },
            );
          } finally {
            await session.close();
          }
        }
      },
      dropUnusedCounter: async () => {
        await inTransaction(driver, dropUnusedCounter, load);
      },
    },
    undo,
  );
}

/**
 * A large dataset in many transactions of `transactionSize` rows.
 *
 * What a failure leaves: the database as it was before the load, as far as this process can put
 * it back. The load remembers what each committed transaction created and what it overwrote, and
 * on any error (a conflict, a lost connection that comes back, an injected failure) deletes the
 * former and restores the latter. No other writer can change the graph between its batches (they
 * get LoadInProgressError until it ends), so restoring writes over nobody's work. Two things are
 * weaker than the one-transaction load: readers can see a half-loaded dataset while it runs, and if
 * the process itself dies the partial load stays (and other writers are refused for
 * LOAD_LEASE_MINUTES); since loading is idempotent, running the same load again completes it (it
 * takes the claim over, finds the committed rows unchanged and writes the rest).
 */
async function loadBatched(
  driver: Driver,
  dataset: CompiledDataset,
  options: LoadOptions,
  transactionSize: number,
): Promise<LoadSummary> {
  const undo = emptyLoadRecord();
  const file = resolve(dataset.file);
  const load = {
    id: `${file}, started ${new Date().toISOString()} by process ${process.pid}`,
    dataset: file,
  };
  const step: Step = async (work) => {
    const { result, createdCounter } = await inTransaction(driver, work, load);
    if (createdCounter) undo.createdCounter = true;
    return result;
  };
  try {
    const baseline = await readBaseline(driver);
    return await runLoad(step, baseline, dataset, options, transactionSize, undo);
  } catch (error) {
    await undoBatches(driver, undo, load);
    throw error;
  } finally {
    // Not through inTransaction, whose MERGE would bring back a counter the take-back dropped.
    const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
    await session
      .executeWrite((tx) => endLoadLease(tx, load))
      // A database gone now: the claim lapses by itself, LOAD_LEASE_MINUTES after the last batch.
      .catch(() => undefined)
      .finally(() => session.close());
  }
}

async function* checkedShards(
  driver: Driver,
  dataset: CompiledDataset,
  shards: AsyncIterable<DatasetShard>,
  notes: ValidationError[],
): AsyncGenerator<DatasetShard> {
  for await (const shard of shards) {
    const check = await checkAgainstDatabase(driver, {
      ...dataset,
      data: { ...dataset.data, sources: shard.sources, entities: [], relationships: shard.relationships },
      sources: shard.sources,
      mentions: shard.mentions,
    });
    if (check.errors.length > 0) throw new DatasetInvalidError(check.errors);
    notes.push(...check.notes);
    yield shard;
  }
}

/**
 * The load of one transaction inside the caller's, with the record of what it did (takeBackIn
 * reverses it there). `baseline`, when the caller read it before the transaction: without it, every
 * relationship type the database knows is looked up (slower, never wrong).
 */
export async function loadInTransaction(
  tx: ManagedTransaction,
  dataset: CompiledDataset,
  options: LoadOptions = {},
  baseline?: Baseline,
): Promise<{ summary: LoadSummary; record: LoadRecord }> {
  // Locked first (write-lock.ts), and the ids mapped again under the lock: a merge that committed
  // since they were mapped before the transaction moved some of them on.
  await takeWriteLock(tx);
  const current = await withSurvivorIds(tx, dataset);
  const record = emptyLoadRecord();
  const summary = await runLoad(
    (work) => work(tx),
    baseline ?? (await everyTypeBaseline(tx)),
    current,
    options,
    Number.POSITIVE_INFINITY,
    record,
  );
  return { summary, record };
}

/** Loads a dataset that has already been read and validated (and the shards of options.shards after it). */
export async function loadCompiledDataset(
  driver: Driver,
  compiled: CompiledDataset,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  // Ids of entities merged since the dataset was written name their survivors (merged-ids.ts).
  const dataset = await withSurvivorIds(driver, compiled);
  if (options.shards && dataset !== compiled) {
    // Combining the records that now name one link needs them all at once; shards come one by one.
    throw new Error('A sharded dataset cannot be loaded into a graph where entities were merged');
  }
  // Constraints first (their own transactions): they make the MERGEs below fast and safe.
  await applySchema(driver, { relationshipTypes: Object.keys(dataset.data.vocabulary.relationshipTypes) });
  // Every contradiction with what is stored, at once and before anything is written.
  const { records: seeded } = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) > 0 AS seeded');
  const notes: ValidationError[] = [];
  let shards = options.shards;
  if (seeded[0]?.get('seeded') === true) {
    const check = await checkAgainstDatabase(driver, dataset);
    if (check.errors.length > 0) throw new DatasetInvalidError(check.errors);
    notes.push(...check.notes);
    // A shard is checked when it comes, before it is written; a contradiction undoes the shards before it.
    if (shards) shards = checkedShards(driver, dataset, shards, notes);
  }
  const withNotes = (summary: LoadSummary): LoadSummary => ({ ...summary, notes });
  const { data } = dataset;
  const records = data.entities.length + data.relationships.length + dataset.mentions.length;
  const transactionSize =
    options.transactionSize ??
    (records > BATCHED_LOAD_THRESHOLD || shards ? DEFAULT_TRANSACTION_SIZE : undefined);
  if (transactionSize !== undefined) {
    if (options.alsoInTransaction) throw new Error('alsoInTransaction needs a load in one transaction');
    return withNotes(
      await loadBatched(driver, dataset, { ...options, shards }, Math.max(1, transactionSize)),
    );
  }
  // Read before the transaction: a failed statistics call would end it. A writer that adds entities
  // in between makes the load fail on the id constraint, never duplicate.
  const baseline = await readBaseline(driver);
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    return withNotes(
      await session.executeWrite(async (tx) => {
        const { summary, record } = await loadInTransaction(tx, dataset, options, baseline);
        await options.alsoInTransaction?.(tx, record);
        return summary;
      }),
    );
  } finally {
    await session.close();
  }
}

/** Validates the dataset file completely, then loads it (see loadCompiledDataset). */
export async function loadDataset(
  driver: Driver,
  datasetPath: string,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const read = await readDataset(datasetPath);
  if (!read.ok) throw new DatasetInvalidError(read.errors);
  return loadCompiledDataset(driver, read.dataset, options);
}

export function totals(summary: LoadSummary): { created: number; updated: number; unchanged: number } {
  const sum = (t: Tally): number => t.sources + t.entities + t.relationships + t.mentions;
  return { created: sum(summary.created), updated: sum(summary.updated), unchanged: sum(summary.unchanged) };
}
