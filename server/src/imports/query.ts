// Drafts in Neo4j: one `ImportDraft` node each (model LABEL.importDraft), with the review state as
// JSON properties and no relationship, so nothing the explorer reads can reach it. Every write
// appends its Change in the same transaction.
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { LABEL } from '../../../model/index.js';
import { toPlain, type Plain } from '../db/mapping.js';
import { notFound } from '../errors.js';
import { appendChange, type ChangeInput } from '../history/record.js';
import { lockHistory } from '../history/undo.js';
import type { KnownEntity } from './known-mentions.js';
import type { DraftState } from './draft.js';

const D = LABEL.importDraft;

function toDraft(props: Record<string, unknown>): DraftState {
  const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const plain = toPlain(props) as Record<string, Plain>;
  return {
    id: String(plain.id),
    title: String(plain.title),
    publisher: String(plain.publisher),
    date: str(plain.date),
    datePrecision: str(plain.datePrecision) as DraftState['datePrecision'],
    url: str(plain.url),
    note: str(plain.note),
    text: String(plain.text),
    contentHash: String(plain.contentHash),
    bytesHash: String(plain.bytesHash),
    mediaType: String(plain.mediaType) as DraftState['mediaType'],
    pageStarts: Array.isArray(plain.pageStarts) ? plain.pageStarts.map(Number) : [],
    candidates: JSON.parse(String(plain.candidates)) as DraftState['candidates'],
    dates: JSON.parse(String(plain.dates)) as DraftState['dates'],
    decisions: JSON.parse(String(plain.decisions)) as DraftState['decisions'],
    claims: JSON.parse(String(plain.claims)) as DraftState['claims'],
    updatedAt: String(plain.updatedAt),
  };
}

function toProps(draft: DraftState): Record<string, unknown> {
  return {
    ...draft,
    length: draft.text.length,
    candidates: JSON.stringify(draft.candidates),
    dates: JSON.stringify(draft.dates),
    decisions: JSON.stringify(draft.decisions),
    claims: JSON.stringify(draft.claims),
  };
}

/** A draft or a published source with this text (or these uploaded bytes), if there is one. */
export async function findSame(
  driver: Driver,
  contentHash: string,
  bytesHash: string,
): Promise<{ id: string; status: 'draft' | 'published' } | null> {
  const { records } = await driver.executeQuery(
    `CALL () { MATCH (d:${D}) WHERE d.contentHash = $contentHash OR d.bytesHash = $bytesHash
               RETURN d.id AS draft LIMIT 1 UNION RETURN null AS draft LIMIT 1 }
     CALL () { MATCH (s:${LABEL.source}) WHERE s.contentHash = $contentHash
               RETURN s.id AS source LIMIT 1 UNION RETURN null AS source LIMIT 1 }
     RETURN collect(draft) AS drafts, collect(source) AS sources`,
    { contentHash, bytesHash },
    { routing: 'READ' },
  );
  const record = records[0];
  const [source] = (record?.get('sources') as string[] | undefined) ?? [];
  if (source) return { id: source, status: 'published' };
  const [draft] = (record?.get('drafts') as string[] | undefined) ?? [];
  return draft ? { id: draft, status: 'draft' } : null;
}

/** Whether an id is taken by a source or another draft (a draft's id becomes its source's). */
export async function idTaken(driver: Driver, id: string): Promise<boolean> {
  const { records } = await driver.executeQuery(
    `RETURN EXISTS { MATCH (s:${LABEL.source} {id: $id}) } OR EXISTS { MATCH (d:${D} {id: $id}) } AS taken`,
    { id },
    { routing: 'READ' },
  );
  return records[0]?.get('taken') === true;
}

export async function createDraft(driver: Driver, draft: DraftState, change: ChangeInput): Promise<void> {
  const session = driver.session({ defaultAccessMode: 'WRITE' });
  try {
    await session.executeWrite(async (tx) => {
      await lockHistory(tx);
      await tx.run(`CREATE (d:${D}) SET d = $props`, { props: toProps(draft) });
      await appendChange(tx, change);
    });
  } finally {
    await session.close();
  }
}

export async function readDraft(driver: Driver, id: string): Promise<DraftState> {
  const { records } = await driver.executeQuery(
    `MATCH (d:${D} {id: $id}) RETURN properties(d) AS d`,
    { id },
    {
      routing: 'READ',
    },
  );
  const record = records[0];
  if (!record) throw notFound(`No draft has the id '${id}'.`);
  return toDraft(record.get('d') as Record<string, unknown>);
}

export async function listDrafts(driver: Driver) {
  const { records } = await driver.executeQuery(
    `MATCH (d:${D}) RETURN d.id AS id, d.title AS title, d.length AS length, d.updatedAt AS updatedAt
     ORDER BY d.updatedAt DESC LIMIT 200`,
    {},
    { routing: 'READ' },
  );
  return records.map((r) => ({
    id: String(r.get('id')),
    title: String(r.get('title')),
    length: Number(r.get('length')),
    updatedAt: String(r.get('updatedAt')),
  }));
}

/**
 * Read, change and write one draft in one transaction; the SET first takes the node's write lock,
 * so two edits of one draft apply one after the other, never over each other.
 */
export async function updateDraft(
  driver: Driver,
  id: string,
  edit: (draft: DraftState) => Promise<{ draft: DraftState; change: ChangeInput }>,
): Promise<DraftState> {
  const session = driver.session({ defaultAccessMode: 'WRITE' });
  try {
    return await session.executeWrite(async (tx) => {
      await lockHistory(tx);
      const result = await tx.run(
        `MATCH (d:${D} {id: $id}) SET d.updatedAt = toString(datetime()) RETURN properties(d) AS d`,
        { id },
      );
      const record = result.records[0];
      if (!record) throw notFound(`No draft has the id '${id}'.`);
      const { draft, change } = await edit(toDraft(record.get('d') as Record<string, unknown>));
      const written = await tx.run(
        `MATCH (d:${D} {id: $id}) SET d += $props, d.updatedAt = toString(datetime()) RETURN d.updatedAt AS at`,
        { id, props: toProps(draft) },
      );
      await appendChange(tx, change);
      return { ...draft, updatedAt: String(written.records[0]?.get('at')) };
    });
  } finally {
    await session.close();
  }
}

/** Deletes the draft inside the caller's transaction; false when it was already gone. */
export async function deleteDraftIn(tx: ManagedTransaction, id: string): Promise<boolean> {
  const result = await tx.run(`MATCH (d:${D} {id: $id}) DELETE d RETURN count(*) AS n`, { id });
  return Number(result.records[0]?.get('n')) > 0;
}

export async function discardDraft(driver: Driver, id: string, change: ChangeInput): Promise<void> {
  const session = driver.session({ defaultAccessMode: 'WRITE' });
  try {
    await session.executeWrite(async (tx) => {
      await lockHistory(tx);
      if (!(await deleteDraftIn(tx, id))) throw notFound(`No draft has the id '${id}'.`);
      await appendChange(tx, change);
    });
  } finally {
    await session.close();
  }
}

/** The names every known entity goes by, for the mention scan and candidate links. */
export async function readKnownEntities(driver: Driver): Promise<KnownEntity[]> {
  const { records } = await driver.executeQuery(
    `MATCH (e:${LABEL.entity})
     RETURN e.id AS id, e.name AS name, e.kind AS kind, coalesce(e.aliases, []) AS aliases,
            coalesce(e.backgroundAliases, []) AS background`,
    {},
    { routing: 'READ' },
  );
  return records.map((r) => ({
    id: String(r.get('id')),
    name: String(r.get('name')),
    kind: r.get('kind') as KnownEntity['kind'],
    aliases: (r.get('aliases') as string[]).map(String),
    backgroundAliases: (r.get('background') as string[]).map(String),
  }));
}

/** What a dataset needs of the known entities it names: their stored properties and Official label. */
export async function readEntityProps(
  driver: Driver,
  ids: readonly string[],
): Promise<{ props: Record<string, Plain>; official: boolean }[]> {
  const { records } = await driver.executeQuery(
    `MATCH (e:${LABEL.entity}) WHERE e.id IN $ids
     RETURN properties(e) AS props, e:${LABEL.official} AS official ORDER BY e.id`,
    { ids },
    { routing: 'READ' },
  );
  return records.map((r) => ({
    props: toPlain(r.get('props')) as Record<string, Plain>,
    official: r.get('official') === true,
  }));
}

export async function readRelationshipTypes(driver: Driver): Promise<Map<string, Record<string, Plain>>> {
  const { records } = await driver.executeQuery(
    `MATCH (t:${LABEL.relationshipType}) RETURN properties(t) AS props`,
    {},
    { routing: 'READ' },
  );
  return new Map(
    records.map((r) => {
      const props = toPlain(r.get('props')) as Record<string, Plain>;
      return [String(props.id), props];
    }),
  );
}

/** Stored links between given pairs, so a claim joins an existing link instead of inventing its id. */
export async function readExistingLinks(
  driver: Driver,
  pairs: readonly { from: string; to: string; type: string }[],
): Promise<Map<string, { id: string; description: string; props: Record<string, Plain> }>> {
  if (pairs.length === 0) return new Map();
  const { records } = await driver.executeQuery(
    `UNWIND $pairs AS p
     MATCH (a:${LABEL.entity} {id: p.from})-[r]->(b:${LABEL.entity} {id: p.to}) WHERE type(r) = p.type
     RETURN p.from + '|' + p.type + '|' + p.to AS key, properties(r) AS props`,
    { pairs },
    { routing: 'READ' },
  );
  return new Map(
    records.map((r) => {
      const props = toPlain(r.get('props')) as Record<string, Plain>;
      return [
        String(r.get('key')),
        { id: String(props.id), description: String(props.description ?? ''), props },
      ];
    }),
  );
}
