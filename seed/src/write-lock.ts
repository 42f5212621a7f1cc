// The graph's one write lock. Neo4j's reads take no locks, so a transaction that reads stored claims
// or entities, computes and writes back (a load's batch, a merge or split, undo and redo, an edit, a
// story or import step) would write over whatever another one committed after its read. Each takes
// this lock first in its transaction, so they run one after another and each reads what the one
// before committed. The lock is the history's counter node, which those that log a change lock at
// their end anyway: taken there, after the locks of what they wrote and in another order than a
// merge takes them, it made two writers deadlock instead of wait.
import type { ManagedTransaction } from 'neo4j-driver';
import { HISTORY_COUNTER_ID, LABEL, WRITE_LOCK } from '../../model/index.js';

/** Transactions that hold the lock (a transaction object lives as long as its attempt). */
const holders = new WeakSet<ManagedTransaction>();

/**
 * Takes the write lock in `tx`, waiting while another transaction holds it; once per transaction.
 * The first write into an empty database creates the counter (its uniqueness constraint,
 * seed/src/schema.ts, makes two first writers create one): then it answers true.
 */
export async function takeWriteLock(tx: ManagedTransaction): Promise<boolean> {
  if (holders.has(tx)) return false;
  // Set and removed: the node's write lock without a change that a snapshot of the graph would see.
  const result = await tx.run(
    `MERGE (counter:${LABEL.changeCounter} {id: $id})
       ON CREATE SET counter.seq = 0, counter.${WRITE_LOCK} = 'created'
     WITH counter, counter.${WRITE_LOCK} = 'created' AS created
     SET counter.${WRITE_LOCK} = true REMOVE counter.${WRITE_LOCK}
     RETURN created`,
    { id: HISTORY_COUNTER_ID },
  );
  holders.add(tx);
  return result.records[0]?.get('created') === true;
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
