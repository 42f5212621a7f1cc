// The append-only log of writes (docs/graph-model.md, "History"). Every write — import, merge,
// split, edit, publish, story change — appends one Change in the same transaction as the write
// itself, so the log never claims a change that was rolled back, nor misses one that was kept.
import type { Request } from 'express';
import type { ManagedTransaction } from 'neo4j-driver';
import { randomUUID } from 'node:crypto';
import { HISTORY_COUNTER_ID, LABEL } from '../../../model/index.js';
import { holdsWriteLock } from '../../../seed/src/write-lock.js';
import type { Config } from '../config.js';

export type ChangeOp =
  'import' | 'publish' | 'discard' | 'merge' | 'split' | 'not-same' | 'edit' | 'story' | 'undo' | 'redo';

export interface ChangeInput {
  op: ChangeOp;
  author: string;
  /** One line a person reads in the History panel: "Merged Mr. Xi into Xi Jinping". */
  summary: string;
  /** Ids of the entities (or source, draft, story) the change touched, for per-entity history. */
  subjects: string[];
  /** What undo needs to restore, and what redo needs to re-apply; JSON-serialisable. */
  before: unknown;
  after: unknown;
  /**
   * What undo applies to reverse this change (an Action of history/actions.ts); absent for changes
   * that cannot be undone from the log. Optional so callers that only log (import) need not know.
   */
  inverse?: unknown;
}

export interface ChangeRef {
  id: string;
  seq: number;
  at: string;
}

/**
 * Who made a request, as history records it: "local" on loopback (the only client is the user at
 * this machine), the token's holder when exposed (TROVE_TOKEN_NAME, or "token").
 */
export function authorOf(req: Request, access: Config['access']): string {
  if (!access.exposed) return 'local';
  return access.tokenName ?? (req.get('authorization') ? 'token' : 'anonymous');
}

/** Appends one Change inside the caller's write transaction; `seq` orders changes without clocks. */
export async function appendChange(tx: ManagedTransaction, change: ChangeInput): Promise<ChangeRef> {
  // Locking the counter here, after the write, is too late: the write read without the lock, and
  // took its other locks before this one, in another order than a merge (a deadlock).
  if (!holdsWriteLock(tx))
    throw new Error(`A '${change.op}' write must take the write lock (lockHistory) before it reads.`);
  const result = await tx.run(
    `MERGE (counter:${LABEL.changeCounter} {id: $counterId})
       ON CREATE SET counter.seq = 0
     SET counter.seq = counter.seq + 1
     CREATE (c:${LABEL.change} {
       id: $id, seq: counter.seq, at: toString(datetime()), op: $op, author: $author,
       summary: $summary, subjects: $subjects, before: $before, after: $after, inverse: $inverse
     })
     RETURN c.id AS id, c.seq AS seq, c.at AS at`,
    {
      counterId: HISTORY_COUNTER_ID,
      id: randomUUID(),
      op: change.op,
      author: change.author,
      summary: change.summary,
      subjects: change.subjects,
      before: JSON.stringify(change.before ?? null),
      after: JSON.stringify(change.after ?? null),
      inverse: change.inverse === undefined ? null : JSON.stringify(change.inverse),
    },
  );
  const record = result.records[0];
  return {
    id: String(record?.get('id') ?? ''),
    seq: Number(record?.get('seq')),
    at: String(record?.get('at')),
  };
}
