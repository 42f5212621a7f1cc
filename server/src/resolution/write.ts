// Merge, split and "not the same": each one write transaction that also appends its Change, with the
// action that reverses it, so undo can take it back and the log never disagrees with the graph.
import type { Driver } from 'neo4j-driver';
import type { WriteResultT } from '../../../contract/resolution.js';
import { LABEL } from '../../../model/index.js';
import { conflict, invalid, notFound } from '../errors.js';
import { applyAction, pairOf, type Action } from '../history/actions.js';
import { appendChange } from '../history/record.js';
import { inWriteTransaction, lockHistory, markUndone } from '../history/undo.js';
import type { MergeRecord } from './merge.js';
import { describeMerge } from './merge.js';

export async function merge(
  driver: Driver,
  author: string,
  survivor: string,
  merged: string,
): Promise<WriteResultT> {
  return inWriteTransaction(driver, async (tx) => {
    // One merge or split at a time: two that share an entity locked it in different orders and one
    // failed as a deadlock's victim, and a merge reading the claims its merged entity asserts could
    // read them before another merge moved them to a link it does not lock, leaving the old id.
    await lockHistory(tx);
    const inverse = (await applyAction(tx, { kind: 'merge', survivor, merged })) as Extract<
      Action,
      { kind: 'split' }
    >;
    const { record } = inverse;
    const summary = describeMerge(record);
    const change = await appendChange(tx, {
      op: 'merge',
      author,
      summary,
      subjects: [survivor, merged],
      before: {
        survivor: { id: survivor, name: record.survivorName },
        merged: { id: merged, name: record.mergedName },
      },
      after: {
        survivor,
        addedAliases: record.addedAliases,
        mentionsMoved: record.mentions.length,
        relationshipsMoved: record.relationships.filter((r) => !r.combinedInto).length,
        relationshipsCombined: record.relationships.filter((r) => r.combinedInto).length,
      },
      inverse,
    });
    return { change, summary, subjects: [survivor, merged] };
  });
}

/** Splits the entity merged last under `merged` off its survivor, whatever happened since. */
export async function split(driver: Driver, author: string, merged: string): Promise<WriteResultT> {
  return inWriteTransaction(driver, async (tx) => {
    await lockHistory(tx);
    const found = await tx.run(
      `MATCH (c:${LABEL.change})
       WHERE c.inverse IS NOT NULL AND coalesce(c.undone, false) = false AND $merged IN c.subjects
         AND c.inverse STARTS WITH '{"kind":"split"'
       RETURN c.id AS id, c.inverse AS inverse ORDER BY c.seq DESC`,
      { merged },
    );
    const candidate = found.records
      .map((r) => ({ id: String(r.get('id')), action: JSON.parse(String(r.get('inverse'))) as Action }))
      .find((c) => c.action.kind === 'split' && c.action.record.merged === merged);
    if (!candidate) {
      const exists = await tx.run(`MATCH (e:${LABEL.entity} {id: $merged}) RETURN e.id`, { merged });
      if (exists.records.length > 0)
        throw conflict(`'${merged}' is not merged into another entity.`, 'merged');
      throw notFound(`No merge of an entity '${merged}' is in the history.`, 'merged');
    }
    const record = (candidate.action as { record: MergeRecord }).record;
    const inverse = await applyAction(tx, candidate.action);
    await markUndone(tx, candidate.id);
    const summary = `Split ${record.mergedName} (${merged}) off ${record.survivorName} (${record.survivor})`;
    const change = await appendChange(tx, {
      op: 'split',
      author,
      summary,
      subjects: [record.survivor, merged],
      before: { survivor: record.survivor, mergedIds: [merged] },
      after: { survivor: record.survivor, restored: { id: merged, name: record.mergedName } },
      inverse,
    });
    return { change, summary, subjects: [record.survivor, merged] };
  });
}

export async function markNotSame(
  driver: Driver,
  author: string,
  a: string,
  b: string,
): Promise<WriteResultT> {
  if (a === b) throw invalid('b: must be another entity than a', 'b');
  return inWriteTransaction(driver, async (tx) => {
    await lockHistory(tx);
    const found = await tx.run(
      `MATCH (e:${LABEL.entity}) WHERE e.id IN [$a, $b] RETURN e.id AS id, e.name AS name`,
      { a, b },
    );
    const names = new Map(found.records.map((r) => [String(r.get('id')), String(r.get('name'))]));
    for (const [field, id] of [
      ['a', a],
      ['b', b],
    ] as const)
      if (!names.has(id)) throw notFound(`No entity has the id '${id}'.`, field);
    const [x, y] = pairOf(a, b);
    const inverse = await applyAction(tx, { kind: 'not-same', a: x, b: y, present: true });
    const summary = `Marked ${names.get(a)} and ${names.get(b)} as not the same`;
    const change = await appendChange(tx, {
      op: 'not-same',
      author,
      summary,
      subjects: [x, y],
      before: null,
      after: { notSame: [x, y] },
      inverse,
    });
    return { change, summary, subjects: [x, y] };
  });
}
