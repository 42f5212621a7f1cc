// What a load takes and gives back, and the errors it throws. Part of the loader (seed/src/load.ts).
import { type ManagedTransaction } from 'neo4j-driver';
import type { DatasetRelationship } from '../dataset.js';
import type { Mention } from '../mentions.js';
import type { CompiledSource } from '../read.js';
import type { ValidationError } from '../validate.js';
import type { LoadRecord } from './take-back.js';

/** Part of a dataset too large to hold in memory (seed/src/shards.ts): validated sources, links and mentions. */
export interface DatasetShard {
  sources: CompiledSource[];
  relationships: DatasetRelationship[];
  mentions: Mention[];
}

export interface Tally {
  sources: number;
  entities: number;
  relationships: number;
  mentions: number;
}

export interface LoadSummary {
  dataset: string;
  created: Tally;
  updated: Tally;
  unchanged: Tally;
  /** What the load recorded instead of writing over (sourced alternatives) and the contests it made. */
  notes?: ValidationError[];
}

export type LoadPhase = 'sources' | 'entities' | 'relationships' | 'mentions';

export interface LoadProgress {
  phase: LoadPhase;
  /** Records handled so far (written or found unchanged), over all phases. */
  done: number;
  /** All records of the dataset: sources, entities, relationships and mentions. */
  total: number;
  /** Of `done`, the dataset's relationships (not mentions): what a throughput figure counts. */
  relationships: number;
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per UNWIND statement (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /**
   * Test hook: throw after this many write batches, inside the transaction, to prove that a load
   * that fails half-way leaves the database as it was.
   */
  failAfterBatches?: number;
  /**
   * Commit every this many rows instead of writing the dataset in one transaction. Defaults to one
   * transaction up to BATCHED_LOAD_THRESHOLD records and DEFAULT_TRANSACTION_SIZE rows per
   * transaction above: a million links do not fit in one transaction's memory. See loadBatched for
   * what a failure leaves.
   */
  transactionSize?: number;
  /**
   * More writes for the same transaction as the load (an import deletes its draft and records the
   * change there), so they commit or roll back with it, given the record of what the load did (what
   * undoing it takes back). Only for loads in one transaction.
   */
  alsoInTransaction?: (tx: ManagedTransaction, record: LoadRecord) => Promise<void>;
  /**
   * The rest of a dataset too large to hold in memory, loaded after the dataset's own records (its
   * entities, typically) in the same batched load, one shard in memory at a time: what a failure
   * takes back includes the shards loaded so far. A shard's links own the claims in the sources of
   * the shards read so far (and the dataset's own), as a whole dataset's own its sources' claims.
   */
  shards?: AsyncIterable<DatasetShard>;
}

/** Datasets with more records than this are committed in batches (loadBatched). */
export const BATCHED_LOAD_THRESHOLD = 50_000;
/** Rows per UNWIND statement. */
export const DEFAULT_BATCH_SIZE = 10_000;
/** Rows per transaction of a batched load. */
export const DEFAULT_TRANSACTION_SIZE = 20_000;
/** Characters of source text per transaction of a batched load (Java holds them as UTF-16). */
export const SOURCE_TEXT_PER_TRANSACTION = 8_000_000;

/** The dataset did not validate; nothing was written. */
export class DatasetInvalidError extends Error {
  constructor(readonly errors: ValidationError[]) {
    super(`Dataset is invalid (${errors.length} error${errors.length === 1 ? '' : 's'})`);
    this.name = 'DatasetInvalidError';
  }
}

/** The database holds something the dataset contradicts (e.g. an id with another kind); nothing was written. */
export class LoadConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadConflictError';
  }
}

export class InjectedFailureError extends Error {
  constructor(batches: number) {
    super(`Injected failure after ${batches} write batch(es)`);
    this.name = 'InjectedFailureError';
  }
}
