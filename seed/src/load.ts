// Writes a validated dataset into Neo4j in one write transaction: all of it or nothing.
//
// The loader first reads what the database already holds for the dataset's ids, computes the
// properties each node and relationship should have (merging with what other datasets put there),
// and then writes only what differs. That makes a second run write nothing, and lets it count
// created / updated / unchanged honestly instead of trusting MERGE's counters (which report a
// property as set even when the value did not change).
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { ENTITY_KINDS, type DatasetEntity, type DatasetRelationship, type EntityKind } from './dataset.js';
import type { Mention } from './mentions.js';
import { readDataset, type CompiledDataset, type CompiledSource } from './read.js';
import { applySchema } from './schema.js';
import type { ValidationError } from './validate.js';

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
}

export type LoadPhase = 'sources' | 'entities' | 'relationships' | 'mentions';

export interface LoadProgress {
  phase: LoadPhase;
  /** Rows written so far, over all phases. */
  done: number;
  total: number;
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per UNWIND statement. */
  batchSize?: number;
  /**
   * Test hook: throw after this many write batches, inside the transaction, to prove that a load
   * that fails half-way leaves the database as it was.
   */
  failAfterBatches?: number;
  /**
   * Commit every this many rows instead of writing the dataset in one transaction. Defaults to one
   * transaction up to BATCHED_LOAD_THRESHOLD rows and 10,000 rows per transaction above: a million
   * links do not fit in one transaction's memory. See loadBatched for what a failure leaves.
   */
  transactionSize?: number;
}

/** Datasets with more records than this are committed in batches (loadBatched). */
export const BATCHED_LOAD_THRESHOLD = 50_000;

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

// ---- values -----------------------------------------------------------------------------------

type Props = Record<string, unknown>;

/** A Neo4j value as plain JS, for comparison: integers become numbers. */
function plain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** A JS value as it should be stored: whole numbers as Neo4j integers, not floats. */
function stored(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(stored);
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  const x = plain(a) ?? null;
  const y = plain(b) ?? null;
  if (Array.isArray(x) && Array.isArray(y))
    return x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
  return x === y;
}

/** Whether writing `next` (null = remove) onto `current` would change anything. */
function changes(current: Props, next: Props): boolean {
  return Object.entries(next).some(([key, value]) => !sameValue(current[key], value));
}

function storedProps(props: Props): Props {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v === undefined ? null : stored(v)]));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function union(...lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}

// ---- planning ---------------------------------------------------------------------------------

interface Plan<Row> {
  created: Row[];
  updated: Row[];
  unchanged: number;
  /** What `updated` rows held before, so that a batched load can put it back after a failure. */
  previous: Row[];
}

function sourceProps(source: CompiledSource): Props {
  return {
    id: source.id,
    title: source.title,
    publisher: source.publisher,
    note: source.note ?? null,
    date: source.date?.start ?? null,
    datePrecision: source.date?.precision ?? null,
    url: source.url ?? null,
    text: source.text,
    contentHash: source.contentHash,
    length: source.text.length,
  };
}

interface SourceRow {
  id: string;
  props: Props;
}

async function planSources(
  tx: ManagedTransaction,
  sources: readonly CompiledSource[],
): Promise<Plan<SourceRow>> {
  const result = await tx.run(
    'MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id, properties(s) AS props',
    {
      ids: sources.map((s) => s.id),
    },
  );
  const existing = new Map(result.records.map((r) => [r.get('id') as string, r.get('props') as Props]));
  const plan: Plan<SourceRow> = { created: [], updated: [], unchanged: 0, previous: [] };
  for (const source of sources) {
    const props = sourceProps(source);
    const current = existing.get(source.id);
    if (!current) plan.created.push({ id: source.id, props });
    else if (current.contentHash !== source.contentHash) {
      // Every offset into the old text would point at the wrong characters.
      throw new LoadConflictError(
        `Source "${source.id}" is already loaded with content ${String(current.contentHash)}, not ${source.contentHash}; a changed text needs a new source id`,
      );
    } else if (changes(current, props)) {
      plan.updated.push({ id: source.id, props });
      plan.previous.push({ id: source.id, props: current });
    } else plan.unchanged += 1;
  }
  return plan;
}

interface EntityRow {
  id: string;
  kind: EntityKind;
  official: boolean;
  props: Props;
}

/**
 * The properties an entity gets when this dataset's record meets what is stored. Lists grow (aliases
 * of all datasets, background only where no dataset found the spelling in a source); scalars that
 * the record gives replace stored ones; scalars it leaves out are kept.
 */
export function mergedEntityProps(entity: DatasetEntity, current: Props | undefined): Props {
  const storedAliases = stringList(current?.aliases);
  const storedBackground = stringList(current?.backgroundAliases);
  const sourced = union(
    storedAliases.filter((a) => !storedBackground.includes(a)),
    entity.aliases,
  );
  const background = union(storedBackground, entity.backgroundAliases).filter(
    (a) => !sourced.includes(a) && a !== entity.name,
  );
  const props: Props = {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases: union(storedAliases, entity.aliases, entity.backgroundAliases).filter((a) => a !== entity.name),
    backgroundAliases: background,
    description: entity.description,
  };
  if (entity.role !== undefined) props.role = entity.role;
  if (entity.date) {
    props.dateStart = entity.date.start;
    props.dateEnd = entity.date.end ?? null;
    props.datePrecision = entity.date.precision;
  }
  for (const [name, number] of Object.entries(entity.numbers)) {
    props[name] = number.value;
    props[`${name}Qualifier`] = number.qualifier;
  }
  return props;
}

async function planEntities(
  tx: ManagedTransaction,
  entities: readonly DatasetEntity[],
): Promise<Plan<EntityRow>> {
  const result = await tx.run(
    'UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, labels(e) AS labels, properties(e) AS props',
    { ids: entities.map((e) => e.id) },
  );
  const existing = new Map(
    result.records.map((r) => [
      r.get('id') as string,
      { labels: r.get('labels') as string[], props: r.get('props') as Props },
    ]),
  );
  const plan: Plan<EntityRow> = { created: [], updated: [], unchanged: 0, previous: [] };
  for (const entity of entities) {
    const current = existing.get(entity.id);
    const row: EntityRow = {
      id: entity.id,
      kind: entity.kind,
      official: entity.official === true,
      props: mergedEntityProps(entity, current?.props),
    };
    if (!current) {
      plan.created.push(row);
      continue;
    }
    if (current.props.kind !== entity.kind || !current.labels.includes(entity.kind)) {
      throw new LoadConflictError(
        `Entity "${entity.id}" already exists as ${String(current.props.kind)}, not ${entity.kind}`,
      );
    }
    // Official is additive: a dataset that does not say so does not demote an official.
    const labelsChange = row.official && !current.labels.includes('Official');
    if (labelsChange || changes(current.props, row.props)) {
      plan.updated.push(row);
      plan.previous.push({ ...row, official: current.labels.includes('Official'), props: current.props });
    } else plan.unchanged += 1;
  }
  return plan;
}

interface RelationshipRow {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Props;
}

interface EvidenceItem {
  source: string;
  start: number;
  end: number;
  quote: string;
}

function storedEvidence(props: Props | undefined): EvidenceItem[] {
  if (!props) return [];
  const sources = stringList(props.evidenceSource);
  const starts = (plain(props.evidenceStart) as unknown[] | undefined) ?? [];
  const ends = (plain(props.evidenceEnd) as unknown[] | undefined) ?? [];
  const quotes = stringList(props.evidenceQuote);
  return sources.map((source, i) => ({
    source,
    start: Number(starts[i]),
    end: Number(ends[i]),
    quote: quotes[i] ?? '',
  }));
}

/**
 * A relationship's properties: evidence is the union of what is stored and what the dataset cites
 * (a second source adds quotes); everything else is what the dataset says, including the absence
 * of an attribution or a date.
 */
export function mergedRelationshipProps(rel: DatasetRelationship, current: Props | undefined): Props {
  const evidence = storedEvidence(current);
  const key = (e: EvidenceItem): string => `${e.source}\u0000${e.start}\u0000${e.end}`;
  const seen = new Set(evidence.map(key));
  for (const e of rel.evidence) {
    const item = { source: e.source, start: e.start, end: e.end, quote: e.quote };
    if (!seen.has(key(item))) {
      seen.add(key(item));
      evidence.push(item);
    }
  }
  return {
    id: rel.id,
    description: rel.description,
    evidenceSource: evidence.map((e) => e.source),
    evidenceStart: evidence.map((e) => e.start),
    evidenceEnd: evidence.map((e) => e.end),
    evidenceQuote: evidence.map((e) => e.quote),
    assertedBy: rel.attribution?.by ?? null,
    stance: rel.attribution?.stance ?? null,
    dateStart: rel.date?.start ?? null,
    dateEnd: rel.date?.end ?? null,
    datePrecision: rel.date?.precision ?? null,
  };
}

// What a relationship asserts besides its evidence: two datasets citing it must agree on these.
const ASSERTION_KEYS = ['assertedBy', 'stance', 'dateStart', 'dateEnd', 'datePrecision'] as const;

// Relationship ids are unique across types, which no single index covers: one scan finds them all.
const SCAN_RELATIONSHIPS = `MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id IN $ids
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`;

/**
 * The same lookup as index seeks, one per id and known type: a scan per batch would make a batched
 * load of n links cost n² (every batch reads every stored link).
 */
function seekRelationships(types: readonly string[]): string {
  if (types.length === 0) return SCAN_RELATIONSHIPS;
  const branches = types.map((type) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(type)) throw new Error(`Unknown relationship type ${JSON.stringify(type)}`);
    return `MATCH (a:Entity)-[r:${type} {id: id}]->(b:Entity) RETURN r, a, b`;
  });
  return `UNWIND $ids AS id
     CALL (id) { ${branches.join(' UNION ALL ')} }
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`;
}

async function planRelationships(
  tx: ManagedTransaction,
  relationships: readonly DatasetRelationship[],
  datasetSources: ReadonlySet<string>,
  lookup: string = SCAN_RELATIONSHIPS,
): Promise<Plan<RelationshipRow>> {
  const result = await tx.run(lookup, { ids: relationships.map((r) => r.id) });
  const existing = new Map<string, { type: string; from: string; to: string; props: Props }>();
  for (const record of result.records) {
    const id = record.get('id') as string;
    if (existing.has(id))
      throw new LoadConflictError(`Relationship id "${id}" occurs more than once in the database`);
    existing.set(id, {
      type: record.get('type') as string,
      from: record.get('from') as string,
      to: record.get('to') as string,
      props: record.get('props') as Props,
    });
  }
  const plan: Plan<RelationshipRow> = { created: [], updated: [], unchanged: 0, previous: [] };
  for (const rel of relationships) {
    const current = existing.get(rel.id);
    const row: RelationshipRow = {
      id: rel.id,
      type: rel.type,
      from: rel.from,
      to: rel.to,
      props: mergedRelationshipProps(rel, current?.props),
    };
    if (!current) plan.created.push(row);
    else if (current.type !== rel.type || current.from !== rel.from || current.to !== rel.to) {
      throw new LoadConflictError(
        `Relationship "${rel.id}" already exists as (${current.from})-[:${current.type}]->(${current.to}), not (${rel.from})-[:${rel.type}]->(${rel.to}); give it a new id or reset the database`,
      );
    } else {
      // Evidence from another dataset's source means another dataset cites this relationship: it
      // may add quotes, but silently changing who asserts it or when would change that dataset's
      // claim. Without such evidence the relationship is this dataset's own and it may edit it.
      const shared = storedEvidence(current.props).some((e) => !datasetSources.has(e.source));
      const differing = ASSERTION_KEYS.filter((k) => !sameValue(current.props[k], row.props[k]));
      if (shared && differing.length > 0) {
        throw new LoadConflictError(
          `Relationship "${rel.id}" is also cited by another dataset and differs from it in ${differing.join(', ')}`,
        );
      }
      if (changes(current.props, row.props)) {
        plan.updated.push(row);
        plan.previous.push({ ...row, props: current.props });
      } else plan.unchanged += 1;
    }
  }
  return plan;
}

const mentionKey = (m: { entity: string; source: string; start: number; end: number }): string =>
  `${m.entity}\u0000${m.source}\u0000${m.start}\u0000${m.end}`;

async function planMentions(
  tx: ManagedTransaction,
  sourceIds: readonly string[],
  mentions: readonly Mention[],
): Promise<Plan<Mention>> {
  const result = await tx.run(
    `MATCH (e:Entity)-[m:MENTIONED_IN]->(s:Source) WHERE s.id IN $ids
     RETURN e.id AS entity, s.id AS source, m.start AS start, m.end AS end, m.text AS text, m.curated AS curated`,
    { ids: sourceIds },
  );
  const existing = new Map(
    result.records.map((r) => {
      const m = {
        entity: r.get('entity') as string,
        source: r.get('source') as string,
        start: Number(plain(r.get('start'))),
        end: Number(plain(r.get('end'))),
      };
      return [mentionKey(m), { text: r.get('text') as unknown, curated: r.get('curated') as unknown }];
    }),
  );
  const plan: Plan<Mention> = { created: [], updated: [], unchanged: 0, previous: [] };
  for (const mention of mentions) {
    const current = existing.get(mentionKey(mention));
    if (!current) plan.created.push(mention);
    else if (current.text !== mention.text || current.curated !== mention.curated) {
      plan.updated.push(mention);
      plan.previous.push({ ...mention, text: String(current.text), curated: current.curated === true });
    } else plan.unchanged += 1;
  }
  return plan;
}

// ---- writing ----------------------------------------------------------------------------------

interface WriteCounter {
  batches: number;
  done: number;
}

class BatchWriter {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly total: number,
    private readonly options: LoadOptions,
    // Shared across the transactions of a batched load, so the failure hook counts all batches.
    private readonly counter: WriteCounter = { batches: 0, done: 0 },
  ) {}

  async write<Row>(
    phase: LoadPhase,
    query: string,
    rows: readonly Row[],
    toParam: (row: Row) => Props,
  ): Promise<void> {
    const size = Math.max(1, this.options.batchSize ?? 1000);
    for (let at = 0; at < rows.length; at += size) {
      const batch = rows.slice(at, at + size);
      const result = await this.tx.run(query, { rows: batch.map(toParam) });
      const written = result.records[0]?.get('written');
      if (written !== undefined && Number(plain(written)) !== batch.length) {
        throw new Error(
          `Wrote ${String(plain(written))} of ${batch.length} ${phase} rows: an endpoint is missing`,
        );
      }
      this.counter.batches += 1;
      this.counter.done += batch.length;
      this.options.onProgress?.({ phase, done: this.counter.done, total: this.total });
      if (
        this.options.failAfterBatches !== undefined &&
        this.counter.batches >= this.options.failAfterBatches
      ) {
        throw new InjectedFailureError(this.counter.batches);
      }
    }
  }
}

function assertKind(kind: string): asserts kind is EntityKind {
  // Labels cannot be parameters: only the model's fixed kinds are ever interpolated.
  if (!(ENTITY_KINDS as readonly string[]).includes(kind))
    throw new Error(`Unknown kind ${JSON.stringify(kind)}`);
}

function assertType(type: string, vocabulary: ReadonlySet<string>): void {
  // The dataset's vocabulary was validated as UPPER_SNAKE_CASE; re-check before it becomes Cypher.
  if (!vocabulary.has(type) || !/^[A-Z][A-Z0-9_]*$/.test(type))
    throw new Error(`Unknown relationship type ${JSON.stringify(type)}`);
}

function groupBy<Row, K extends string>(rows: readonly Row[], key: (row: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

async function writeDataset(
  tx: ManagedTransaction,
  dataset: CompiledDataset,
  options: LoadOptions,
): Promise<LoadSummary> {
  const { data } = dataset;
  const sources = await planSources(tx, dataset.sources);
  const entities = await planEntities(tx, data.entities);
  const relationships = await planRelationships(
    tx,
    data.relationships,
    new Set(dataset.sources.map((s) => s.id)),
  );
  const mentions = await planMentions(
    tx,
    dataset.sources.map((s) => s.id),
    dataset.mentions,
  );

  const sourceRows = [...sources.created, ...sources.updated];
  const entityRows = [...entities.created, ...entities.updated];
  const relationshipRows = [...relationships.created, ...relationships.updated];
  const mentionRows = [...mentions.created, ...mentions.updated];
  const total = sourceRows.length + entityRows.length + relationshipRows.length + mentionRows.length;
  const writer = new BatchWriter(tx, total, options);
  await writeSources(writer, sourceRows);
  await writeEntities(writer, entityRows);
  await writeRelationships(writer, relationshipRows, new Set(Object.keys(data.vocabulary.relationshipTypes)));
  await writeMentions(writer, mentionRows);
  return summaryOf(dataset.file, sources, entities, relationships, mentions);
}

async function writeSources(writer: BatchWriter, sourceRows: readonly SourceRow[]): Promise<void> {
  await writer.write(
    'sources',
    'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s += row.props RETURN count(*) AS written',
    sourceRows,
    (row) => ({ id: row.id, props: storedProps(row.props) }),
  );
}

async function writeEntities(writer: BatchWriter, entityRows: readonly EntityRow[]): Promise<void> {
  for (const [kind, rows] of groupBy(entityRows, (row) => row.kind)) {
    assertKind(kind);
    await writer.write(
      'entities',
      `UNWIND $rows AS row
       MERGE (e:Entity {id: row.id})
       SET e += row.props, e:${kind}
       FOREACH (_ IN CASE WHEN row.official THEN [1] ELSE [] END | SET e:Official)
       RETURN count(*) AS written`,
      rows,
      (row) => ({ id: row.id, official: row.official, props: storedProps(row.props) }),
    );
  }
}

async function writeRelationships(
  writer: BatchWriter,
  relationshipRows: readonly RelationshipRow[],
  vocabulary: ReadonlySet<string>,
): Promise<void> {
  for (const [type, rows] of groupBy(relationshipRows, (row) => row.type)) {
    assertType(type, vocabulary);
    await writer.write(
      'relationships',
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.from})
       MATCH (b:Entity {id: row.to})
       MERGE (a)-[r:${type} {id: row.id}]->(b)
       SET r += row.props
       RETURN count(*) AS written`,
      rows,
      (row) => ({ id: row.id, from: row.from, to: row.to, props: storedProps(row.props) }),
    );
  }
}

async function writeMentions(writer: BatchWriter, mentionRows: readonly Mention[]): Promise<void> {
  await writer.write(
    'mentions',
    `UNWIND $rows AS row
     MATCH (e:Entity {id: row.entity})
     MATCH (s:Source {id: row.source})
     MERGE (e)-[m:MENTIONED_IN {start: row.start, end: row.end}]->(s)
     SET m.text = row.text, m.curated = row.curated
     RETURN count(*) AS written`,
    mentionRows,
    (m) => ({
      entity: m.entity,
      source: m.source,
      start: neo4j.int(m.start),
      end: neo4j.int(m.end),
      text: m.text,
      curated: m.curated,
    }),
  );
}

function summaryOf(
  file: string,
  sources: Plan<unknown>,
  entities: Plan<unknown>,
  relationships: Plan<unknown>,
  mentions: Plan<unknown>,
): LoadSummary {
  return {
    dataset: file,
    created: {
      sources: sources.created.length,
      entities: entities.created.length,
      relationships: relationships.created.length,
      mentions: mentions.created.length,
    },
    updated: {
      sources: sources.updated.length,
      entities: entities.updated.length,
      relationships: relationships.updated.length,
      mentions: mentions.updated.length,
    },
    unchanged: {
      sources: sources.unchanged,
      entities: entities.unchanged,
      relationships: relationships.unchanged,
      mentions: mentions.unchanged,
    },
  };
}

// ---- batched loading --------------------------------------------------------------------------

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < rows.length; at += size) out.push(rows.slice(at, at + size));
  return out;
}

/** What a batched load committed so far, so that a failure can take it back. */
interface Undo {
  sources: Plan<SourceRow>[];
  entities: Plan<EntityRow>[];
  relationships: Plan<RelationshipRow>[];
  mentions: Plan<Mention>[];
}

async function inTransaction<T>(driver: Driver, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite(work);
  } finally {
    await session.close();
  }
}

/**
 * Takes back what the committed batches of a failed load did, newest first: restores the previous
 * properties (and the missing Official label) of what they updated, then deletes what they created.
 */
async function undoBatches(driver: Driver, undo: Undo): Promise<void> {
  const size = 5_000;
  const run = async (query: string, rows: readonly unknown[]): Promise<void> => {
    for (const chunk of chunks(rows, size))
      await inTransaction(driver, (tx) => tx.run(query, { rows: chunk }));
  };
  const flat = <R>(plans: Plan<R>[], key: 'created' | 'previous'): R[] => plans.flatMap((p) => p[key]);
  await run(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.entity})-[m:MENTIONED_IN {start: row.start, end: row.end}]->(:Source {id: row.source})
     DELETE m`,
    flat(undo.mentions, 'created').map((m) => ({ ...m, start: neo4j.int(m.start), end: neo4j.int(m.end) })),
  );
  await run(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.entity})-[m:MENTIONED_IN {start: row.start, end: row.end}]->(:Source {id: row.source})
     SET m.text = row.text, m.curated = row.curated`,
    flat(undo.mentions, 'previous').map((m) => ({ ...m, start: neo4j.int(m.start), end: neo4j.int(m.end) })),
  );
  for (const [type, rows] of groupBy(flat(undo.relationships, 'created'), (r) => r.type)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(type)) continue;
    await run(
      `UNWIND $rows AS id MATCH ()-[r:${type} {id: id}]->() DELETE r`,
      rows.map((r) => r.id),
    );
  }
  for (const [type, rows] of groupBy(flat(undo.relationships, 'previous'), (r) => r.type)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(type)) continue;
    await run(`UNWIND $rows AS row MATCH ()-[r:${type} {id: row.id}]->() SET r = row.props`, rows);
  }
  // Anything still attached to a created entity was created by this load too (it did not exist).
  await run(
    'UNWIND $rows AS id MATCH (e:Entity {id: id}) DETACH DELETE e',
    flat(undo.entities, 'created').map((e) => e.id),
  );
  await run(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e = row.props
     FOREACH (_ IN CASE WHEN row.official THEN [] ELSE [1] END | REMOVE e:Official)`,
    flat(undo.entities, 'previous'),
  );
  await run(
    'UNWIND $rows AS id MATCH (s:Source {id: id}) DETACH DELETE s',
    flat(undo.sources, 'created').map((s) => s.id),
  );
  await run(
    'UNWIND $rows AS row MATCH (s:Source {id: row.id}) SET s = row.props',
    flat(undo.sources, 'previous'),
  );
}

/**
 * A large dataset in many transactions of `transactionSize` rows, each of which plans (reads what
 * is stored for its rows) and writes them, so memory stays flat however large the dataset is.
 *
 * What a failure leaves: the database as it was before the load, as far as this process can put
 * it back. The load remembers what each committed batch created and what it overwrote, and on any
 * error (a conflict, a lost connection that comes back, an injected failure) deletes the former and
 * restores the latter. Two things are weaker than the one-transaction load: readers can see a
 * half-loaded dataset while it runs, and if the process itself dies the partial load stays; since
 * loading is idempotent, running the same load again completes it.
 */
async function loadBatched(
  driver: Driver,
  dataset: CompiledDataset,
  options: LoadOptions,
  transactionSize: number,
): Promise<LoadSummary> {
  const { data } = dataset;
  const undo: Undo = { sources: [], entities: [], relationships: [], mentions: [] };
  const total =
    dataset.sources.length + data.entities.length + data.relationships.length + dataset.mentions.length;
  const counter: WriteCounter = { batches: 0, done: 0 };
  let processed = 0;
  // Progress counts records handled (written or found unchanged), over the whole dataset.
  const inner: LoadOptions = { ...options, onProgress: undefined };
  const report = (phase: LoadPhase, rows: number): void => {
    processed += rows;
    options.onProgress?.({ phase, done: processed, total });
  };
  const datasetSources = new Set(dataset.sources.map((s) => s.id));
  const { records } = await driver.executeQuery(
    'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType',
  );
  const knownTypes = [
    ...new Set([
      ...records.map((r) => r.get('relationshipType') as string),
      ...Object.keys(data.vocabulary.relationshipTypes),
    ]),
  ]
    .filter((t) => t !== 'MENTIONED_IN')
    .sort();
  const lookup = seekRelationships(knownTypes);
  const vocabulary = new Set(Object.keys(data.vocabulary.relationshipTypes));

  try {
    for (const chunk of chunks(dataset.sources, transactionSize)) {
      const plan = await inTransaction(driver, async (tx) => {
        const p = await planSources(tx, chunk);
        await writeSources(new BatchWriter(tx, total, inner, counter), [...p.created, ...p.updated]);
        return p;
      });
      undo.sources.push(plan);
      report('sources', chunk.length);
    }
    for (const chunk of chunks(data.entities, transactionSize)) {
      const plan = await inTransaction(driver, async (tx) => {
        const p = await planEntities(tx, chunk);
        await writeEntities(new BatchWriter(tx, total, inner, counter), [...p.created, ...p.updated]);
        return p;
      });
      undo.entities.push(plan);
      report('entities', chunk.length);
    }
    for (const chunk of chunks(data.relationships, transactionSize)) {
      const plan = await inTransaction(driver, async (tx) => {
        const p = await planRelationships(tx, chunk, datasetSources, lookup);
        await writeRelationships(
          new BatchWriter(tx, total, inner, counter),
          [...p.created, ...p.updated],
          vocabulary,
        );
        return p;
      });
      undo.relationships.push(plan);
      report('relationships', chunk.length);
    }
    // Mentions come grouped by source, so a chunk's lookup reads a few sources' mentions only.
    for (const chunk of chunks(dataset.mentions, transactionSize)) {
      const plan = await inTransaction(driver, async (tx) => {
        const p = await planMentions(tx, [...new Set(chunk.map((m) => m.source))], chunk);
        await writeMentions(new BatchWriter(tx, total, inner, counter), [...p.created, ...p.updated]);
        return p;
      });
      undo.mentions.push(plan);
      report('mentions', chunk.length);
    }
  } catch (error) {
    await undoBatches(driver, undo);
    throw error;
  }
  const merge = <R>(plans: Plan<R>[]): Plan<R> => ({
    created: plans.flatMap((p) => p.created),
    updated: plans.flatMap((p) => p.updated),
    unchanged: plans.reduce((n, p) => n + p.unchanged, 0),
    previous: [],
  });
  return summaryOf(
    dataset.file,
    merge(undo.sources),
    merge(undo.entities),
    merge(undo.relationships),
    merge(undo.mentions),
  );
}

/** Loads a dataset that has already been read and validated. */
export async function loadCompiledDataset(
  driver: Driver,
  dataset: CompiledDataset,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  // Constraints first (their own transactions): they make the MERGEs below fast and safe.
  await applySchema(driver, { relationshipTypes: Object.keys(dataset.data.vocabulary.relationshipTypes) });
  const { data } = dataset;
  const records = data.entities.length + data.relationships.length + dataset.mentions.length;
  const transactionSize = options.transactionSize ?? (records > BATCHED_LOAD_THRESHOLD ? 10_000 : undefined);
  if (transactionSize !== undefined)
    return loadBatched(driver, dataset, options, Math.max(1, transactionSize));
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite((tx) => writeDataset(tx, dataset, options));
  } finally {
    await session.close();
  }
}

/** Validates the dataset file completely, then loads it in one transaction. */
export async function loadDataset(
  driver: Driver,
  datasetPath: string,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const read = await readDataset(datasetPath);
  if (!read.ok) throw new DatasetInvalidError(read.errors);
  return loadCompiledDataset(driver, read.dataset, options);
}

export function totals(summary: LoadSummary): { created: number; updated: number; unchanged: number } {
  const sum = (t: Tally): number => t.sources + t.entities + t.relationships + t.mentions;
  return { created: sum(summary.created), updated: sum(summary.updated), unchanged: sum(summary.unchanged) };
}
