// Undo and redo of the last operations, and the write transaction every logged write runs in.
// Undo takes the newest change that can be reversed and is not yet, applies its inverse and logs an
// `undo` change holding the action that re-applies it; redo takes the newest undo not yet redone, as
// long as no new write came after it (a new write ends the redo chain, as in any editor).
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { LABEL } from '../../../model/index.js';
import { takeWriteLock } from '../../../seed/src/write-lock.js';
import { conflict } from '../errors.js';
import { applyAction, type Action } from './actions.js';
import { appendChange, type ChangeRef } from './record.js';

/** Tries of one write that the database keeps choosing as a deadlock's victim. */
const DEADLOCK_TRIES = 6;

const isDeadlock = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === 'Neo.TransientError.Transaction.DeadlockDetected';

/**
 * One managed write transaction, rolled back on any throw. The driver retries transient errors for
 * one second only (db/driver.ts: a database that went away must answer 503 fast), which a deadlock
 * outlasts on a busy machine: a merge racing an import answered 500. A deadlock is no outage — two
 * writers locked in different orders and the other one commits — so the victim is tried again,
 * after a short random pause that keeps two victims from meeting again in step.
 */
export async function inWriteTransaction<T>(
  driver: Driver,
  work: (tx: ManagedTransaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const session = driver.session({ defaultAccessMode: 'WRITE' });
    try {
      return await session.executeWrite(work);
    } catch (error) {
      if (attempt >= DEADLOCK_TRIES || !isDeadlock(error)) throw error;
    } finally {
      await session.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150 * attempt));
  }
}

/**
 * The graph's write lock (seed/src/write-lock.ts), taken first by every write that logs a change:
 * undo and redo (two at once would both pick the same change), merge and split, edits, stories,
 * import steps, and each transaction of a load, so that none writes over what another committed
 * after its read. appendChange refuses a transaction that did not take it.
 */
export async function lockHistory(tx: ManagedTransaction): Promise<void> {
  await takeWriteLock(tx);
}

export interface StepResult {
  change: ChangeRef;
  summary: string;
  subjects: string[];
}

interface StoredChange {
  id: string;
  summary: string;
  subjects: string[];
  before: string;
  after: string;
  inverse: string;
}

const undoable = `c.inverse IS NOT NULL AND c.op <> 'undo' AND coalesce(c.undone, false) = false`;
const redoable = `c.op = 'undo' AND coalesce(c.redone, false) = false
  AND NOT EXISTS { MATCH (later:${LABEL.change}) WHERE later.seq > c.seq AND NOT later.op IN ['undo', 'redo'] }`;

async function newest(tx: ManagedTransaction, where: string): Promise<StoredChange | null> {
  const result = await tx.run(
    `MATCH (c:${LABEL.change}) WHERE ${where}
     RETURN c {.id, .summary, .subjects, .before, .after, .inverse} AS change ORDER BY c.seq DESC LIMIT 1`,
  );
  const change = result.records[0]?.get('change') as StoredChange | undefined;
  return change ?? null;
}

/** What undo and redo would do now, for the page's buttons and notices. */
export async function nextSteps(
  tx: ManagedTransaction | Driver,
): Promise<{ undo: string | null; redo: string | null }> {
  const run = async (where: string) => {
    const query = `MATCH (c:${LABEL.change}) WHERE ${where} RETURN c.summary AS summary ORDER BY c.seq DESC LIMIT 1`;
    const result =
      'executeQuery' in tx ? await tx.executeQuery(query, {}, { routing: 'READ' }) : await tx.run(query);
    const summary = result.records[0]?.get('summary');
    return summary === undefined || summary === null ? null : String(summary);
  };
  return { undo: await run(undoable), redo: await run(redoable) };
}

export async function undoLast(driver: Driver, author: string): Promise<StepResult> {
  return inWriteTransaction(driver, async (tx) => {
    await lockHistory(tx);
    const target = await newest(tx, undoable);
    if (!target) throw conflict('Nothing to undo.');
    const redo = await applyAction(tx, JSON.parse(target.inverse) as Action);
    await tx.run(`MATCH (c:${LABEL.change} {id: $id}) SET c.undone = true`, { id: target.id });
    const summary = `Undid: ${target.summary.replace(/^(Undid|Redid): /, '')}`;
    const change = await appendChange(tx, {
      op: 'undo',
      author,
      summary,
      subjects: target.subjects,
      before: JSON.parse(target.after),
      after: JSON.parse(target.before),
      inverse: redo,
    });
    await tx.run(`MATCH (c:${LABEL.change} {id: $id}) SET c.target = $target`, {
      id: change.id,
      target: target.id,
    });
    return { change, summary, subjects: target.subjects };
  });
}

export async function redoLast(driver: Driver, author: string): Promise<StepResult> {
  return inWriteTransaction(driver, async (tx) => {
    await lockHistory(tx);
    const target = await newest(tx, redoable);
    if (!target) throw conflict('Nothing to redo.');
    const inverse = await applyAction(tx, JSON.parse(target.inverse) as Action);
    await tx.run(`MATCH (c:${LABEL.change} {id: $id}) SET c.redone = true`, { id: target.id });
    const summary = `Redid: ${target.summary.replace(/^(Undid|Redid): /, '')}`;
    const change = await appendChange(tx, {
      op: 'redo',
      author,
      summary,
      subjects: target.subjects,
      before: JSON.parse(target.after),
      after: JSON.parse(target.before),
      inverse,
    });
    await tx.run(`MATCH (c:${LABEL.change} {id: $id}) SET c.target = $target`, {
      id: change.id,
      target: target.id,
    });
    return { change, summary, subjects: target.subjects };
  });
}

/** Marks a change as reversed by some other operation (a split of an older merge). */
export async function markUndone(tx: ManagedTransaction, id: string): Promise<void> {
  await tx.run(`MATCH (c:${LABEL.change} {id: $id}) SET c.undone = true`, { id });
}
