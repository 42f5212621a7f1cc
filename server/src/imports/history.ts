// Undo and redo of a publish (history/actions.ts applies them). Undo takes back what the publish's
// load did, from the record it kept, and puts the draft back; redo deletes the draft again and loads
// the dataset history kept, in the same transaction, so the two can go back and forth.
import type { ManagedTransaction } from 'neo4j-driver';
import { LABEL } from '../../../model/index.js';
import {
  DatasetInvalidError,
  LoadConflictError,
  loadInTransaction,
  takeBackIn,
  type LoadRecord,
} from '../../../seed/src/load.js';
import type { CompiledDataset } from '../../../seed/src/read.js';
import { formatError } from '../../../seed/src/validate.js';
import { conflict } from '../errors.js';
import { decodeProps, decodeTree, encodeProps, encodeTree, type Props } from '../history/values.js';
import { deleteDraftIn } from './query.js';

/** Publishes again: the draft (its stored properties) and the dataset it was published as. */
export interface PublishAction {
  kind: 'publish';
  draft: Props;
  dataset: unknown;
}

/** Takes a publish back: what its load did (a LoadRecord, integers tagged) and what to put back. */
export interface UnpublishAction {
  kind: 'unpublish';
  draft: Props;
  dataset: unknown;
  record: unknown;
}

/**
 * The dataset as history keeps it: what was loaded, without the reader's line lookup, and without
 * the source's text, which the kept draft holds (up to 2 MB, not to be kept twice).
 */
function storedDataset(dataset: CompiledDataset): unknown {
  const { file, data, sources, mentions, warnings } = dataset;
  return { file, data, sources: sources.map(({ text: _text, ...source }) => source), mentions, warnings };
}

/** The kept dataset with the draft's text back in its one source. */
function keptDataset(action: PublishAction): CompiledDataset {
  const kept = action.dataset as CompiledDataset;
  const text = String(decodeProps(action.draft).text);
  return { ...kept, sources: kept.sources.map((source) => ({ ...source, text })) };
}

/** What history keeps of a publish that just loaded `dataset` in `tx`, so that it can be undone. */
export async function unpublishAction(
  tx: ManagedTransaction,
  draftId: string,
  dataset: CompiledDataset,
  record: LoadRecord,
): Promise<UnpublishAction | null> {
  const result = await tx.run(`MATCH (d:${LABEL.importDraft} {id: $id}) RETURN properties(d) AS props`, {
    id: draftId,
  });
  const props = result.records[0]?.get('props') as Props | undefined;
  if (!props) return null;
  return {
    kind: 'unpublish',
    draft: encodeProps(props),
    dataset: storedDataset(dataset),
    record: encodeTree(record),
  };
}

async function missing(tx: ManagedTransaction, label: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const result = await tx.run(
    `UNWIND $ids AS id OPTIONAL MATCH (n:${label} {id: id}) WITH id, n WHERE n IS NULL RETURN collect(id) AS gone`,
    { ids },
  );
  return (result.records[0]?.get('gone') as string[] | undefined) ?? [];
}

export async function unpublish(tx: ManagedTransaction, action: UnpublishAction): Promise<PublishAction> {
  const draft = decodeProps(action.draft);
  const id = String(draft.id);
  const record = decodeTree(action.record) as LoadRecord;
  if ((await missing(tx, LABEL.importDraft, [id])).length === 0)
    throw conflict(`A draft '${id}' exists again; discard or publish it first.`);
  // Whatever the publish created must still be there: a merge or removal since would be lost.
  const gone = [
    ...(await missing(tx, LABEL.source, record.sources)),
    ...(await missing(tx, LABEL.entity, record.entities)),
  ];
  if (gone.length > 0)
    throw conflict(
      `What the publish created was merged or removed since (${gone.slice(0, 5).join(', ')}); undo that first.`,
    );
  await takeBackIn(tx, record);
  await tx.run(`CREATE (d:${LABEL.importDraft}) SET d = $props`, { props: draft });
  return { kind: 'publish', draft: action.draft, dataset: action.dataset };
}

export async function republish(tx: ManagedTransaction, action: PublishAction): Promise<UnpublishAction> {
  const id = String(decodeProps(action.draft).id);
  if (!(await deleteDraftIn(tx, id))) throw conflict(`The draft '${id}' was published or discarded since.`);
  try {
    const { record } = await loadInTransaction(tx, keptDataset(action));
    return { kind: 'unpublish', draft: action.draft, dataset: action.dataset, record: encodeTree(record) };
  } catch (error) {
    throw contradiction(error);
  }
}

/** A load's refusal as the 409 a person reads; any other error as it was. */
export function contradiction(error: unknown): unknown {
  if (error instanceof DatasetInvalidError)
    return conflict(
      `The graph contradicts the draft: ${error.errors.slice(0, 3).map(formatError).join('; ')}`,
    );
  if (error instanceof LoadConflictError)
    return conflict(`The graph contradicts the draft: ${error.message}`);
  return error;
}
