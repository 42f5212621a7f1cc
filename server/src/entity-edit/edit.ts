// Editing an entity's own fields by hand: a versioned write (a stale version is a 409 that says what
// changed since), logged with what each field was and is, undoable, and marked as an edit in the
// field's provenance so the page shows who set it.
import type { Driver } from 'neo4j-driver';
import type { EntityEditT } from '../../../contract/entity-edit.js';
import type { EntityResponseT } from '../../../contract/entities.js';
import { ENTITY_PROVENANCE, ENTITY_RESOLUTION, LABEL } from '../../../model/index.js';
import { toNumber } from '../db/mapping.js';
import { readEntity, survivingId } from '../entities/query.js';
import { conflict, invalid, notFound } from '../errors.js';
import { applyAction, EDITABLE_FIELDS } from '../history/actions.js';
import { appendChange } from '../history/record.js';
import { inWriteTransaction, lockHistory } from '../history/undo.js';
import { encodeProps, plainValue, sameValue, type Props } from '../history/values.js';

/** The provenance of a field set by hand: `edit:<author>` instead of a source id. */
export const EDIT_SOURCE_PREFIX = 'edit:';

const precisionOf = (date: string) => (date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day');

function requested(edit: EntityEditT, name: string): Props {
  const wanted: Props = {};
  for (const field of EDITABLE_FIELDS) {
    const value = edit[field];
    if (value === undefined) continue;
    wanted[field] = value === '' ? null : value;
  }
  if (Array.isArray(wanted.aliases)) {
    const newName = typeof wanted.name === 'string' ? wanted.name : name;
    wanted.aliases = [...new Set(wanted.aliases as string[])].filter((alias) => alias !== newName);
  }
  if (typeof wanted.dateStart === 'string' && wanted.datePrecision === undefined)
    wanted.datePrecision = precisionOf(wanted.dateStart);
  return wanted;
}

export async function editEntity(
  driver: Driver,
  author: string,
  id: string,
  edit: EntityEditT,
): Promise<EntityResponseT> {
  await inWriteTransaction(driver, async (tx) => {
    await lockHistory(tx);
    const locked = await tx.run(
      `MATCH (e:${LABEL.entity} {id: $id}) SET e.__lock = true REMOVE e.__lock RETURN properties(e) AS props`,
      { id },
    );
    const props = locked.records[0]?.get('props') as Props | undefined;
    if (!props) {
      const into = await survivingId(driver, id);
      if (into) throw conflict(`'${id}' was merged into '${into}'; edit that entity instead.`);
      throw notFound(`No entity has the id '${id}'.`);
    }
    const version = toNumber(props[ENTITY_RESOLUTION.version] ?? 0);
    if (version !== edit.version) {
      const since = await tx.run(
        `MATCH (c:${LABEL.change}) WHERE $id IN c.subjects
         RETURN c.summary AS summary, c.author AS author ORDER BY c.seq DESC LIMIT toInteger($n)`,
        { id, n: Math.max(1, Math.min(5, version - edit.version)) },
      );
      const what = since.records.map((r) => `${String(r.get('summary'))} (by ${String(r.get('author'))})`);
      throw conflict(
        `'${String(props.name)}' changed since version ${edit.version} (now ${version})${
          what.length > 0 ? `: ${what.join('; ')}` : ''
        }. Reload it and edit again.`,
      );
    }
    const wanted = requested(edit, String(props.name));
    const start = wanted.dateStart !== undefined ? wanted.dateStart : props.dateStart;
    const end = wanted.dateEnd !== undefined ? wanted.dateEnd : props.dateEnd;
    if (typeof start === 'string' && typeof end === 'string' && end < start)
      throw invalid(`dateEnd: must not be before dateStart (${start}), got '${end}'`, 'dateEnd');
    const fields = Object.keys(wanted).filter((field) => !sameValue(props[field], wanted[field]));
    if (fields.length === 0) return;
    const from: Props = {};
    const to: Props = {};
    for (const field of fields) {
      from[field] = props[field] ?? null;
      to[field] = wanted[field];
    }
    const sources = Array.isArray(props[ENTITY_PROVENANCE.fieldSources])
      ? (props[ENTITY_PROVENANCE.fieldSources] as unknown[]).map(String)
      : [];
    const marked = [
      ...sources.filter((pair) => !fields.includes(pair.slice(0, pair.indexOf('=')))),
      ...fields.map((field) => `${field}=${EDIT_SOURCE_PREFIX}${author}`),
    ];
    from[ENTITY_PROVENANCE.fieldSources] = props[ENTITY_PROVENANCE.fieldSources] ?? null;
    to[ENTITY_PROVENANCE.fieldSources] = marked;
    const inverse = await applyAction(tx, {
      kind: 'set-fields',
      id,
      from: encodeProps(from),
      to: encodeProps(to),
    });
    const plain = (p: Props) => Object.fromEntries(fields.map((f) => [f, plainValue(p[f])]));
    await appendChange(tx, {
      op: 'edit',
      author,
      summary: `Edited ${String(props.name)}: ${fields.join(', ')}`,
      subjects: [id],
      before: plain(from),
      after: { ...plain(to), version: version + 1 },
      inverse,
    });
  });
  return readEntity(driver, id);
}
