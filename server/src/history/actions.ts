// The writes that history can replay. Each change keeps, as its `inverse`, the action that reverses
// it; applying an action returns the action that reverses *that*, so undo and redo are the same step
// (apply the stored action, keep what it returns) and can go back and forth any number of times.
import type { ManagedTransaction } from 'neo4j-driver';
import { ENTITY_RESOLUTION, LABEL, entityKinds } from '../../../model/index.js';
import { conflict, invalid } from '../errors.js';
import { republish, unpublish, type PublishAction, type UnpublishAction } from '../imports/history.js';
import { mergeEntities, splitEntities, type MergeRecord } from '../resolution/merge.js';
import { decodeProps, encodeProps, sameValue, type Props } from './values.js';

/** Fields a person may edit on an entity (name, aliases, kind, description, dates, role). */
export const EDITABLE_FIELDS = [
  'name',
  'aliases',
  'kind',
  'description',
  'role',
  'dateStart',
  'dateEnd',
  'datePrecision',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export type Action =
  | { kind: 'merge'; survivor: string; merged: string }
  | { kind: 'split'; record: MergeRecord }
  | { kind: 'set-fields'; id: string; from: Props; to: Props }
  | { kind: 'not-same'; a: string; b: string; present: boolean }
  | { kind: 'story'; id: string; from: Props | null; to: Props | null }
  | PublishAction
  | UnpublishAction;

/** The pair in one order, so (a, b) and (b, a) are one record. */
export function pairOf(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  return JSON.stringify(value);
}

/** Sets entity fields if they still hold `from`; a conflict names each field that changed since. */
async function setFields(tx: ManagedTransaction, id: string, from: Props, to: Props): Promise<Action> {
  const current = await tx.run(
    `MATCH (e:${LABEL.entity} {id: $id})
     SET e.${ENTITY_RESOLUTION.version} = coalesce(e.${ENTITY_RESOLUTION.version}, 0) + 1
     RETURN properties(e) AS props`,
    { id },
  );
  const props = current.records[0]?.get('props') as Props | undefined;
  if (!props) throw conflict(`The entity '${id}' no longer exists (merged or removed since).`);
  const changed = Object.keys(from).filter((field) => !sameValue(props[field], from[field]));
  if (changed.length > 0) {
    throw conflict(
      `'${String(props.name)}' changed since: ${changed
        .map((field) => `${field} is now ${shown(props[field])}, not ${shown(from[field])}`)
        .join('; ')}.`,
    );
  }
  const next = decodeProps(to);
  const kind = next.kind;
  if (kind !== undefined && kind !== props.kind) {
    if (typeof kind !== 'string' || !(entityKinds as readonly string[]).includes(kind))
      throw invalid(`kind: must be one of ${entityKinds.join(', ')}`, 'kind');
    await tx.run(`MATCH (e:${LABEL.entity} {id: $id}) REMOVE e:\`${String(props.kind)}\` SET e:\`${kind}\``, {
      id,
    });
  }
  await tx.run(`MATCH (e:${LABEL.entity} {id: $id}) SET e += $props`, { id, props: next });
  return { kind: 'set-fields', id, from: to, to: from };
}

async function setNotSame(tx: ManagedTransaction, a: string, b: string, present: boolean): Promise<Action> {
  const [x, y] = pairOf(a, b);
  await tx.run(
    present
      ? `MERGE (n:${LABEL.notSame} {a: $x, b: $y})`
      : `MATCH (n:${LABEL.notSame} {a: $x, b: $y}) DELETE n`,
    { x, y },
  );
  return { kind: 'not-same', a: x, b: y, present: !present };
}

async function setStory(
  tx: ManagedTransaction,
  id: string,
  from: Props | null,
  to: Props | null,
): Promise<Action> {
  const current = await tx.run('MATCH (s:Story {id: $id}) RETURN properties(s) AS props', { id });
  const props = current.records[0]?.get('props') as Props | undefined;
  if ((props === undefined) !== (from === null)) {
    throw conflict(from === null ? `A story '${id}' exists again.` : `The story '${id}' was deleted since.`);
  }
  if (props && from && !sameValue(props.version, decodeProps(from).version)) {
    throw conflict(`The story '${String(props.title)}' was edited since (version ${String(props.version)}).`);
  }
  if (to === null) {
    await tx.run('MATCH (s:Story {id: $id}) DELETE s', { id });
    return { kind: 'story', id, from: null, to: from };
  }
  // The restored content gets a new version, so a page holding the undone one must reload first.
  const written = await tx.run(
    `MERGE (s:Story {id: $id}) WITH s, coalesce(s.version, 0) AS version
     SET s = $props, s.version = CASE WHEN version >= $props.version THEN version + 1 ELSE $props.version END
     RETURN properties(s) AS props`,
    { id, props: decodeProps(to) },
  );
  return { kind: 'story', id, from: encodeProps(written.records[0]?.get('props') as Props), to: from };
}

/** Applies one action in the caller's transaction; returns the action that reverses it. */
export async function applyAction(tx: ManagedTransaction, action: Action): Promise<Action> {
  switch (action.kind) {
    case 'merge': {
      const record = await mergeEntities(tx, action.survivor, action.merged);
      return { kind: 'split', record };
    }
    case 'split':
      await splitEntities(tx, action.record);
      return { kind: 'merge', survivor: action.record.survivor, merged: action.record.merged };
    case 'set-fields':
      return setFields(tx, action.id, action.from, action.to);
    case 'not-same':
      return setNotSame(tx, action.a, action.b, action.present);
    case 'story':
      return setStory(tx, action.id, action.from, action.to);
    case 'unpublish':
      return unpublish(tx, action);
    case 'publish':
      return republish(tx, action);
  }
}

/** A story node's properties as history keeps them. */
export function storySnapshot(props: Props | undefined): Props | null {
  return props ? encodeProps(props) : null;
}
