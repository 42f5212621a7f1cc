// The graph's one write lock. Neo4j's reads take no locks, so a transaction that reads stored claims
// or entities, computes and writes back (a load's batch, a merge or split, undo and redo, an edit, a
// story or import step) would write over whatever another one committed after its read. Each takes
// this lock first in its transaction, so they run one after another and each reads what the one
// before committed. The lock is the history's counter node, which those that log a change lock at
// their end anyway: taken there, after the locks of what they wrote and in another order than a
// merge takes them, it made two writers deadlock instead of wait.
import type { ManagedTransaction } from 'neo4j-driver';
import { HISTORY_COUNTER_ID, LABEL, LOAD_LEASE, WRITE_LOCK } from '../../model/index.js';

/** Transactions that hold the lock (a transaction object lives as long as its attempt). */
const holders = new WeakSet<ManagedTransaction>();

/** How long a batched load's claim on the graph lasts without a new batch (a load that died). */
export const LOAD_LEASE_MINUTES = 5;

/**
 * Another writer tried to write while a batched load runs: its batches commit one by one, and a
 * change between them would be written over if the load failed and took its batches back.
 */
export class LoadInProgressError extends Error {
  constructor(
    readonly load: string,
    readonly until: string,
  ) {
    super(
      `A dataset is being loaded (${load}); the graph takes no other writes until it finishes or fails ` +
        `(at the latest ${until}, if the load stopped). Nothing was written; try again when it is done.`,
    );
    this.name = 'LoadInProgressError';
  }
}

/** A batched load, as its claim on the graph names it. */
export interface LoadLease {
  /** Unique to this run: the dataset, when and by which process it started. */
  id: string;
  /** The dataset file: a later load of the same one takes the claim over. */
  dataset: string;
}

/**
 * Takes the write lock in `tx`, waiting while another transaction holds it; once per transaction.
 * The first write into an empty database creates the counter (its uniqueness constraint,
 * seed/src/schema.ts, makes two first writers create one): then it answers true.
 *
 * `load`: the batched load this transaction is a batch of, which claims the graph until it ends (or
 * for LOAD_LEASE_MINUTES after its last batch, if it died); any other writer meanwhile gets
 * LoadInProgressError instead of writing between its batches. A load of the same dataset file takes
 * the claim over: running a killed load again is how it is completed (loads are idempotent).
 */
export async function takeWriteLock(tx: ManagedTransaction, load?: LoadLease): Promise<boolean> {
  if (holders.has(tx)) return false;
  // Set and removed: the node's write lock without a change that a snapshot of the graph would see.
  const locked = await tx.run(
    `MERGE (counter:${LABEL.changeCounter} {id: $id})
       ON CREATE SET counter.seq = 0, counter.${WRITE_LOCK} = 'created'
     WITH counter, counter.${WRITE_LOCK} = 'created' AS created
     SET counter.${WRITE_LOCK} = true REMOVE counter.${WRITE_LOCK}
     RETURN created`,
    { id: HISTORY_COUNTER_ID },
  );
  // A statement of its own, under the lock: the one above read the counter before it waited.
  const result = await tx.run(
    `MATCH (counter:${LABEL.changeCounter} {id: $id})
     WITH counter, counter.${LOAD_LEASE.until} > datetime() AS leased
     WITH counter,
          CASE WHEN leased THEN counter.${LOAD_LEASE.owner} END AS leasedTo,
          CASE WHEN leased THEN counter.${LOAD_LEASE.dataset} END AS leasedFor,
          toString(counter.${LOAD_LEASE.until}) AS leasedUntil
     FOREACH (_ IN CASE WHEN $load IS NULL THEN [] ELSE [1] END |
       SET counter.${LOAD_LEASE.owner} = $load.id,
           counter.${LOAD_LEASE.dataset} = $load.dataset,
           counter.${LOAD_LEASE.until} = datetime() + duration({minutes: $minutes}))
     RETURN leasedTo, leasedFor, leasedUntil`,
    { id: HISTORY_COUNTER_ID, load: load ?? null, minutes: LOAD_LEASE_MINUTES },
  );
  const record = result.records[0];
  const leasedTo = record?.get('leasedTo') as string | null | undefined;
  const ours = load !== undefined && record?.get('leasedFor') === load.dataset;
  // Thrown inside the transaction, which rolls back whatever it would have written.
  if (leasedTo && !ours) throw new LoadInProgressError(leasedTo, String(record?.get('leasedUntil')));
  holders.add(tx);
  return locked.records[0]?.get('created') === true;
}

/** Ends a batched load's claim on the graph (a no-op when another load holds it). */
export async function endLoadLease(tx: ManagedTransaction, load: LoadLease): Promise<void> {
  await tx.run(
    `MATCH (counter:${LABEL.changeCounter} {id: $id}) WHERE counter.${LOAD_LEASE.owner} = $load
     REMOVE counter.${LOAD_LEASE.owner}, counter.${LOAD_LEASE.dataset}, counter.${LOAD_LEASE.until}`,
    { id: HISTORY_COUNTER_ID, load: load.id },
  );
}

/** Whether `tx` took the write lock (history/record.ts refuses to log a change without it). */
export function holdsWriteLock(tx: ManagedTransaction): boolean {
  return holders.has(tx);
}

/**
 * Removes the counter a failed batched load created, when nothing has used it since (no change was
 * logged): the database is then as it was before the load.
 */
export async function dropUnusedCounter(tx: ManagedTransaction): Promise<void> {
  await tx.run(
    `MATCH (counter:${LABEL.changeCounter} {id: $id})
     WHERE counter.seq = 0 AND NOT EXISTS { MATCH (:${LABEL.change}) }
     DELETE counter`,
    { id: HISTORY_COUNTER_ID },
  );
}
