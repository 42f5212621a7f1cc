// Writes a validated dataset into Neo4j: in one write transaction (all of it or nothing) up to
// BATCHED_LOAD_THRESHOLD records, in transactions of `transactionSize` rows above (see loadBatched).
//
// The loader reads what the database already holds for the dataset's ids, computes the properties
// each node and relationship should have (merging with what other datasets put there), and then
// writes only what differs. That makes a second run write nothing, and lets it count created /
// updated / unchanged honestly instead of trusting MERGE's counters (which report a property as set
// even when the value did not change).
//
// Speed: it reads only what can exist. What the database held when the load began (any entity at
// all? which relationship types?) is read once from Neo4j's count store, so a load into an empty
// database reads nothing back, and a relationship is looked up by its own type's id index first.
// Rows are written by UNWIND statements of `batchSize` rows, grouped by label and type so that every
// statement is one plan with one index per lookup; mentions known to be new are CREATEd (a MERGE
// on MENTIONED_IN has no index and would walk the mentions of its source or entity).
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { ENTITY_PROVENANCE, LABEL } from '../../model/index.js';
import { checkAgainstDatabase } from './check-db.js';
import { claimProps, fromDataset, mergeClaims, storedClaims } from '../../model/claims.js';
import { withSurvivorIds } from './merged-ids.js';
import { ENTITY_KINDS, type DatasetEntity, type DatasetRelationship, type EntityKind } from './dataset.js';
import type { Mention } from './mentions.js';
import { locationProps } from './locations.js';
import { readDataset, type CompiledDataset, type CompiledSource } from './read.js';
import { applySchema } from './schema.js';
import type { ValidationError } from './validate.js';
import { isStatementType, MENTIONED_IN, RELATIONSHIP_TYPE_PATTERN } from '../../model/index.js';

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
  /** What the load recorded instead of writing over (sourced alternatives) and the contests it made. */
  notes?: ValidationError[];
}

export type LoadPhase = 'sources' | 'entities' | 'relationships' | 'mentions';

export interface LoadProgress {
  phase: LoadPhase;
  /** Records handled so far (written or found unchanged), over all phases. */
  done: number;
  /** All records of the dataset: sources, entities, relationships and mentions. */
  total: number;
  /** Of `done`, the dataset's relationships (not mentions): what a throughput figure counts. */
  relationships: number;
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per UNWIND statement (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /**
   * Test hook: throw after this many write batches, inside the transaction, to prove that a load
   * that fails half-way leaves the database as it was.
   */
  failAfterBatches?: number;
  /**
   * Commit every this many rows instead of writing the dataset in one transaction. Defaults to one
   * transaction up to BATCHED_LOAD_THRESHOLD records and DEFAULT_TRANSACTION_SIZE rows per
   * transaction above: a million links do not fit in one transaction's memory. See loadBatched for
   * what a failure leaves.
   */
  transactionSize?: number;
  /**
   * More writes for the same transaction as the load (an import deletes its draft and records the
   * change there), so they commit or roll back with it. Only for loads in one transaction.
   */
  alsoInTransaction?: (tx: ManagedTransaction) => Promise<void>;
}

/** Datasets with more records than this are committed in batches (loadBatched). */
export const BATCHED_LOAD_THRESHOLD = 50_000;
/** Rows per UNWIND statement. */
export const DEFAULT_BATCH_SIZE = 10_000;
/** Rows per transaction of a batched load. */
export const DEFAULT_TRANSACTION_SIZE = 20_000;
/** Characters of source text per transaction of a batched load (Java holds them as UTF-16). */
const SOURCE_TEXT_PER_TRANSACTION = 8_000_000;

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
    // The spans kept out of automatic mentions, stored so that an export can write them back out
    // (parallel lists, as for claims); absent when there are none.
    ...excludedSpanProps(source.excludeFromMentions),
  };
}

function excludedSpanProps(spans: CompiledSource['excludeFromMentions']): Props {
  if (spans.length === 0) return { excludedStart: null, excludedEnd: null, excludedReason: null };
  return {
    excludedStart: spans.map((span) => span.start),
    excludedEnd: spans.map((span) => span.end),
    excludedReason: spans.map((span) => span.reason),
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

/** What the fields a dataset sets are attributed to: its first source. */
export function datasetOrigin(dataset: { sources: readonly { id: string }[] }): string {
  return dataset.sources[0]?.id ?? '(dataset)';
}

/**
 * Which source a record's field is attributed to: the one its `provenance` names (an exported
 * dataset keeps each field's own), else the dataset's first source.
 */
function fieldOrigin(entity: DatasetEntity, field: string, origin: string): string {
  return entity.provenance?.fieldSources[field] ?? origin;
}

/** One sourced value of an entity field that differs from the stored one (model/ ENTITY_PROVENANCE). */
export interface FieldAlternative {
  field: string;
  value: unknown;
  source: string;
}

/** The fields a record sets, as stored property name → value; a number is its value and qualifier. */
function entityFields(entity: DatasetEntity): Map<string, Props> {
  const fields = new Map<string, Props>();
  fields.set('name', { name: entity.name });
  fields.set('description', { description: entity.description });
  if (entity.role !== undefined) fields.set('role', { role: entity.role });
  if (entity.date) {
    fields.set('date', {
      dateStart: entity.date.start,
      dateEnd: entity.date.end ?? null,
      datePrecision: entity.date.precision,
    });
  }
  if (entity.location) fields.set('location', locationProps(entity.location));
  for (const [name, number] of Object.entries(entity.numbers)) {
    fields.set(name, { [name]: number.value, [`${name}Qualifier`]: number.qualifier });
  }
  return fields;
}

function fieldSourceMap(current: Props | undefined): Map<string, string> {
  return new Map(
    stringList(current?.[ENTITY_PROVENANCE.fieldSources]).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }),
  );
}

export function storedAlternatives(current: Props | undefined): FieldAlternative[] {
  return stringList(current?.[ENTITY_PROVENANCE.alternatives]).map(
    (json) => JSON.parse(json) as FieldAlternative,
  );
}

/**
 * The fields of this record that another dataset set to something else: they are kept as sourced
 * alternatives, never written over the other dataset's value. A field without provenance (stored
 * before provenance existed) or set by this same dataset is this dataset's to change.
 */
export function entityFieldConflicts(
  entity: DatasetEntity,
  current: Props | undefined,
  origin: string,
): FieldAlternative[] {
  if (!current) return [];
  const setBy = fieldSourceMap(current);
  const conflicts: FieldAlternative[] = [];
  for (const [field, values] of entityFields(entity)) {
    const owner = setBy.get(field);
    const from = fieldOrigin(entity, field, origin);
    if (owner === undefined || owner === from) continue;
    if (Object.entries(values).some(([key, value]) => !sameValue(current[key], value))) {
      const value = Object.keys(values).length === 1 ? Object.values(values)[0] : values;
      conflicts.push({ field, value, source: from });
    }
  }
  return conflicts;
}

/**
 * The properties an entity gets when this dataset's record meets what is stored. Lists grow (aliases
 * of all datasets, background only where no dataset found the spelling in a source); scalars that
 * the record gives replace stored ones unless another dataset set them to something else, which
 * makes the record's value a sourced alternative; scalars it leaves out are kept. `origin` is the
 * dataset's first source, which every field it sets is attributed to.
 */
export function mergedEntityProps(entity: DatasetEntity, current: Props | undefined, origin?: string): Props {
  const conflicts = origin === undefined ? [] : entityFieldConflicts(entity, current, origin);
  const conflicting = new Set(conflicts.map((c) => c.field));
  const name = conflicting.has('name') ? String(current?.name) : entity.name;
  const storedAliases = stringList(current?.aliases);
  const storedBackground = stringList(current?.backgroundAliases);
  const sourced = union(
    storedAliases.filter((a) => !storedBackground.includes(a)),
    entity.aliases,
  );
  const background = union(storedBackground, entity.backgroundAliases).filter(
    (a) => !sourced.includes(a) && a !== name,
  );
  const props: Props = {
    id: entity.id,
    kind: entity.kind,
    aliases: union(storedAliases, entity.aliases, entity.backgroundAliases).filter((a) => a !== name),
    backgroundAliases: background,
  };
  for (const [field, values] of entityFields(entity)) {
    if (!conflicting.has(field)) Object.assign(props, values);
  }
  if (origin !== undefined) {
    const setBy = fieldSourceMap(current);
    for (const field of entityFields(entity).keys()) {
      if (!conflicting.has(field) && !(setBy.has(field) && sameStored(current, entity, field)))
        setBy.set(field, fieldOrigin(entity, field, origin));
    }
    props[ENTITY_PROVENANCE.fieldSources] = [...setBy].map(([field, source]) => `${field}=${source}`).sort();
    // This dataset's alternatives replace the ones it gave before; a field it now agrees on has none.
    // Those the record itself carries (an exported dataset's) stand as written.
    const carried = (entity.provenance?.alternatives ?? []).map((a) => ({
      field: a.field,
      value: a.value,
      source: a.source,
    }));
    const key = (a: FieldAlternative) => `${a.field}\u0000${a.source}`;
    const replaced = new Set([...conflicts, ...carried].map(key));
    const alternatives = [
      ...storedAlternatives(current).filter((a) => a.source !== origin && !replaced.has(key(a))),
      ...conflicts,
      ...carried,
    ].map((a) => JSON.stringify(a));
    props[ENTITY_PROVENANCE.alternatives] = alternatives.length > 0 ? alternatives : null;
  }
  return props;
}

/** Whether the stored value of a field already equals the record's (then its provenance stays). */
function sameStored(current: Props | undefined, entity: DatasetEntity, field: string): boolean {
  const values = entityFields(entity).get(field) ?? {};
  return (
    current !== undefined && Object.entries(values).every(([key, value]) => sameValue(current[key], value))
  );
}

/** `lookup` false: the database held no entity when the load began, so none of these exists. */
async function planEntities(
  tx: ManagedTransaction,
  entities: readonly DatasetEntity[],
  origin: string,
  lookup = true,
): Promise<Plan<EntityRow>> {
  const records = lookup
    ? (
        await tx.run(
          'UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id, labels(e) AS labels, properties(e) AS props',
          { ids: entities.map((e) => e.id) },
        )
      ).records
    : [];
  const existing = new Map(
    records.map((r) => [
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
      props: mergedEntityProps(entity, current?.props, origin),
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

/**
 * A relationship's properties: its claims (see claims.ts: this dataset's replace the ones it made
 * before, other datasets' stay) and what is derived from them; the description and the date are
 * what the dataset says.
 */
export function mergedRelationshipProps(
  rel: DatasetRelationship,
  current: Props | undefined,
  datasetSources: ReadonlySet<string> = new Set(rel.claims.map((c) => c.source)),
): Props {
  const claims = mergeClaims(storedClaims(current), rel.claims.map(fromDataset), datasetSources);
  return {
    id: rel.id,
    description: rel.description,
    ...claimProps(claims),
    dateStart: rel.date?.start ?? null,
    dateEnd: rel.date?.end ?? null,
    datePrecision: rel.date?.precision ?? null,
  };
}

// When it happened: two datasets citing one relationship must agree on it (who says it, and how,
// is per claim and may differ).
export const ASSERTION_KEYS = ['dateStart', 'dateEnd', 'datePrecision'] as const;

/** A relationship type as a Cypher identifier. Types cannot be parameters. */
function typeName(type: string): string {
  return RELATIONSHIP_TYPE_PATTERN.test(type) ? type : `\`${type.replace(/`/g, '``')}\``;
}

interface StoredRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Props;
}

/**
 * The stored relationships with these ids among the given types: one index seek per id and type
 * (each type's id constraint is an index). Relationship ids are unique across types, which no
 * single index covers, so finding an id under another type takes a seek in each.
 */
async function lookupRelationships(
  tx: ManagedTransaction,
  ids: readonly string[],
  types: readonly string[],
): Promise<StoredRelationship[]> {
  if (ids.length === 0 || types.length === 0) return [];
  const branches = types.map(
    (type) => `MATCH (a:Entity)-[r:${typeName(type)}]->(b:Entity) WHERE r.id IN $ids
       RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`,
  );
  const result = await tx.run(branches.join(' UNION ALL '), { ids });
  return result.records.map((record) => ({
    id: record.get('id') as string,
    type: record.get('type') as string,
    from: record.get('from') as string,
    to: record.get('to') as string,
    props: record.get('props') as Props,
  }));
}

/**
 * `storedTypes`: the relationship types that held relationships when the load began; ids of this
 * load's earlier transactions are the dataset's own, unique, so they need no looking up.
 */
async function planRelationships(
  tx: ManagedTransaction,
  relationships: readonly DatasetRelationship[],
  datasetSources: ReadonlySet<string>,
  storedTypes: ReadonlySet<string>,
): Promise<Plan<RelationshipRow>> {
  const existing = new Map<string, StoredRelationship>();
  const add = (found: StoredRelationship[]): void => {
    for (const stored of found) {
      if (existing.has(stored.id))
        throw new LoadConflictError(`Relationship id "${stored.id}" occurs more than once in the database`);
      existing.set(stored.id, stored);
    }
  };
  if (storedTypes.size > 0) {
    // Under its own type first: on a re-run that finds everything with one seek per id.
    for (const [type, rows] of groupBy(relationships, (r) => r.type)) {
      if (storedTypes.has(type))
        add(
          await lookupRelationships(
            tx,
            rows.map((r) => r.id),
            [type],
          ),
        );
    }
    // Then under every other type, for the ids not found: the same id with another type is a conflict.
    const missing = relationships.filter((r) => !existing.has(r.id));
    for (const [type, rows] of groupBy(missing, (r) => r.type)) {
      const others = [...storedTypes].filter((t) => t !== type).sort();
      add(
        await lookupRelationships(
          tx,
          rows.map((r) => r.id),
          others,
        ),
      );
    }
  }
  const plan: Plan<RelationshipRow> = { created: [], updated: [], unchanged: 0, previous: [] };
  for (const rel of relationships) {
    const current = existing.get(rel.id);
    const row: RelationshipRow = {
      id: rel.id,
      type: rel.type,
      from: rel.from,
      to: rel.to,
      props: mergedRelationshipProps(rel, current?.props, datasetSources),
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
      const shared = storedClaims(current.props).some((c) => !datasetSources.has(c.source));
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

/**
 * `storedSources`: the sources that existed before this load; only they can have mentions already
 * (a mention needs its source, and mentions of this load's earlier transactions are its own).
 */
async function planMentions(
  tx: ManagedTransaction,
  mentions: readonly Mention[],
  storedSources: ReadonlySet<string>,
): Promise<Plan<Mention>> {
  const ids = [...new Set(mentions.map((m) => m.source))].filter((id) => storedSources.has(id));
  const records =
    ids.length === 0
      ? []
      : (
          await tx.run(
            `MATCH (e:Entity)-[m:${MENTIONED_IN}]->(s:Source) WHERE s.id IN $ids
             RETURN e.id AS entity, s.id AS source, m.start AS start, m.end AS end, m.text AS text, m.curated AS curated`,
            { ids },
          )
        ).records;
  const existing = new Map(
    records.map((r) => {
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
  const planned = new Set<string>();
  for (const mention of mentions) {
    const key = mentionKey(mention);
    const current = existing.get(key);
    // Mentions never overlap, so a key repeats only if the input repeats one: write it once.
    if (planned.has(key)) plan.unchanged += 1;
    else if (!current) plan.created.push(mention);
    else if (current.text !== mention.text || current.curated !== mention.curated) {
      plan.updated.push(mention);
      plan.previous.push({ ...mention, text: String(current.text), curated: current.curated === true });
    } else plan.unchanged += 1;
    planned.add(key);
  }
  return plan;
}

// ---- writing ----------------------------------------------------------------------------------

/** Progress over the whole load, shared by its transactions. */
class Progress {
  done = 0;
  relationships = 0;
  /** Write statements run, for the failAfterBatches hook. */
  batches = 0;

  constructor(
    readonly total: number,
    private readonly onProgress?: (progress: LoadProgress) => void,
  ) {}

  add(phase: LoadPhase, rows: number): void {
    this.done += rows;
    if (phase === 'relationships') this.relationships += rows;
    this.onProgress?.({ phase, done: this.done, total: this.total, relationships: this.relationships });
  }

  mark(): { done: number; relationships: number } {
    return { done: this.done, relationships: this.relationships };
  }

  /** Back to a mark: a transaction that is retried counts its rows once. */
  reset(mark: { done: number; relationships: number }): void {
    this.done = mark.done;
    this.relationships = mark.relationships;
  }
}

class BatchWriter {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly progress: Progress,
    private readonly options: LoadOptions,
  ) {}

  async write<Row>(
    phase: LoadPhase,
    query: string,
    rows: readonly Row[],
    toParam: (row: Row) => Props,
  ): Promise<void> {
    const size = Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    for (let at = 0; at < rows.length; at += size) {
      const batch = rows.slice(at, at + size);
      const result = await this.tx.run(query, { rows: batch.map(toParam) });
      const written = result.records[0]?.get('written');
      if (written !== undefined && Number(plain(written)) !== batch.length) {
        throw new Error(
          `Wrote ${String(plain(written))} of ${batch.length} ${phase} rows: an endpoint is missing`,
        );
      }
      this.progress.batches += 1;
      this.progress.add(phase, batch.length);
      if (
        this.options.failAfterBatches !== undefined &&
        this.progress.batches >= this.options.failAfterBatches
      ) {
        throw new InjectedFailureError(this.progress.batches);
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
  if (!vocabulary.has(type) || !isStatementType(type))
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

/** The rows in groups of one key each (in first-seen order), so that chunks hold few groups. */
function grouped<Row>(rows: readonly Row[], key: (row: Row) => string): Row[] {
  return [...groupBy(rows, key).values()].flat();
}

async function writeSources(writer: BatchWriter, sourceRows: readonly SourceRow[]): Promise<void> {
  await writer.write(
    'sources',
    'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s += row.props RETURN count(*) AS written',
    sourceRows,
    (row) => ({ id: row.id, props: storedProps(row.props) }),
  );
}

async function writeEntities(writer: BatchWriter, plan: Plan<EntityRow>): Promise<void> {
  // New ones are created outright (the id constraint still refuses a duplicate); a MERGE would
  // only look up again what planning found missing.
  for (const [key, rows] of groupBy(plan.created, (row) => `${row.kind}${row.official ? ':Official' : ''}`)) {
    const kind = key.split(':')[0] ?? '';
    assertKind(kind);
    await writer.write(
      'entities',
      `UNWIND $rows AS row CREATE (e:Entity:${key}) SET e = row.props RETURN count(*) AS written`,
      rows,
      (row) => ({ props: storedProps(row.props) }),
    );
  }
  for (const [kind, rows] of groupBy(plan.updated, (row) => row.kind)) {
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
  // MERGE on the type's id constraint is a unique index seek: as fast as CREATE (measured), and it
  // cannot duplicate a link even if another writer added it since planning.
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

const mentionParam = (m: Mention): Props => ({
  entity: m.entity,
  source: m.source,
  start: neo4j.int(m.start),
  end: neo4j.int(m.end),
  text: m.text,
  curated: m.curated,
});

async function writeMentions(writer: BatchWriter, plan: Plan<Mention>): Promise<void> {
  // Planning read every stored mention of these sources in this transaction: the new ones are new.
  await writer.write(
    'mentions',
    `UNWIND $rows AS row
     MATCH (e:Entity {id: row.entity})
     MATCH (s:Source {id: row.source})
     CREATE (e)-[m:${MENTIONED_IN} {start: row.start, end: row.end, text: row.text, curated: row.curated}]->(s)
     RETURN count(*) AS written`,
    plan.created,
    mentionParam,
  );
  await writer.write(
    'mentions',
    `UNWIND $rows AS row
     MATCH (e:Entity {id: row.entity})-[m:${MENTIONED_IN} {start: row.start, end: row.end}]->(s:Source {id: row.source})
     SET m.text = row.text, m.curated = row.curated
     RETURN count(*) AS written`,
    plan.updated,
    mentionParam,
  );
}

// ---- loading ----------------------------------------------------------------------------------

function chunks<T>(rows: readonly T[], size: number): T[][] {
  if (rows.length <= size) return rows.length === 0 ? [] : [[...rows]];
  const out: T[][] = [];
  for (let at = 0; at < rows.length; at += size) out.push(rows.slice(at, at + size));
  return out;
}

/**
 * Sources in chunks of at most `size` and of at most SOURCE_TEXT_PER_TRANSACTION characters of text:
 * a corpus of 4,000 texts is 100 MB, more than a transaction may hold (db.memory.transaction.max).
 */
function textChunks(sources: readonly CompiledSource[], size: number): CompiledSource[][] {
  const out: CompiledSource[][] = [];
  let chunk: CompiledSource[] = [];
  let chars = 0;
  for (const source of sources) {
    if (
      chunk.length > 0 &&
      (chunk.length >= size || chars + source.text.length > SOURCE_TEXT_PER_TRANSACTION)
    ) {
      out.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(source);
    chars += source.text.length;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

/** What the database held when the load began, from the count store: no scan. */
interface Baseline {
  entities: boolean;
  /** Relationship types other than MENTIONED_IN that held relationships. */
  relationshipTypes: Set<string>;
}

async function readBaseline(driver: Driver): Promise<Baseline> {
  try {
    // One procedure call; no plan to compile for each relationship type of the vocabulary.
    const { records } = await driver.executeQuery(
      `CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
       RETURN [n IN data.nodes WHERE n.label = 'Entity' | n.count] AS entities,
              [r IN data.relationships WHERE r.relationshipType IS NOT NULL AND r.startLabel IS NULL
                 AND r.endLabel IS NULL AND r.count > 0 | r.relationshipType] AS types`,
    );
    const entities = (records[0]?.get('entities') as unknown[] | undefined) ?? [];
    const types = (records[0]?.get('types') as string[] | undefined) ?? [];
    return {
      entities: entities.some((n) => Number(plain(n)) > 0),
      relationshipTypes: new Set(types.filter((t) => t !== MENTIONED_IN)),
    };
  } catch {
    // A user without access to the statistics: ask the count store type by type.
  }
  const entities = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) AS n');
  const types = await driver.executeQuery(
    'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType',
  );
  const relationshipTypes = new Set<string>();
  for (const record of types.records) {
    const type = record.get('relationshipType') as string;
    if (type === MENTIONED_IN) continue;
    const { records } = await driver.executeQuery(`MATCH ()-[r:${typeName(type)}]->() RETURN count(r) AS n`);
    if (Number(plain(records[0]?.get('n'))) > 0) relationshipTypes.add(type);
  }
  return { entities: Number(plain(entities.records[0]?.get('n'))) > 0, relationshipTypes };
}

/** Runs one unit of work: in the load's single transaction, or in a transaction of its own. */
type Step = <T>(work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>;

/** What a batched load committed so far, so that a failure can take it back. */
interface Undo {
  sources: string[];
  entities: string[];
  relationships: { id: string; type: string }[];
  mentions: Mention[];
  previousSources: SourceRow[];
  previousEntities: EntityRow[];
  previousRelationships: RelationshipRow[];
  previousMentions: Mention[];
}

function emptyTally(): Tally {
  return { sources: 0, entities: 0, relationships: 0, mentions: 0 };
}

function pushAll<T>(target: T[], rows: readonly T[]): void {
  for (const row of rows) target.push(row);
}

/**
 * The load, phase by phase, each phase in chunks of `chunkSize` rows that `step` runs: each chunk
 * plans (reads what is stored for its rows) and writes what differs, so memory stays flat however
 * large the dataset is. `undo` (batched loads) collects what committed chunks did.
 */
async function runLoad(
  step: Step,
  baseline: Baseline,
  dataset: CompiledDataset,
  options: LoadOptions,
  chunkSize: number,
  undo?: Undo,
): Promise<LoadSummary> {
  const { data } = dataset;
  const total =
    dataset.sources.length + data.entities.length + data.relationships.length + dataset.mentions.length;
  const progress = new Progress(total, options.onProgress);
  const summary: LoadSummary = {
    dataset: dataset.file,
    created: emptyTally(),
    updated: emptyTally(),
    unchanged: emptyTally(),
  };
  const count = (key: keyof Tally, plan: Plan<unknown>): void => {
    summary.created[key] += plan.created.length;
    summary.updated[key] += plan.updated.length;
    summary.unchanged[key] += plan.unchanged;
  };
  /** One chunk: plan and write inside `step`, and count what was found unchanged as done too. */
  const chunk = async <R>(
    phase: LoadPhase,
    rows: number,
    work: (tx: ManagedTransaction, writer: BatchWriter) => Promise<Plan<R>>,
  ): Promise<Plan<R>> => {
    const mark = progress.mark();
    return step(async (tx) => {
      progress.reset(mark);
      const plan = await work(tx, new BatchWriter(tx, progress, options));
      const written = plan.created.length + plan.updated.length;
      if (rows > written) progress.add(phase, rows - written);
      return plan;
    });
  };

  const datasetSources = new Set(dataset.sources.map((s) => s.id));
  const storedSources = new Set<string>();
  const vocabulary = new Set(Object.keys(data.vocabulary.relationshipTypes));

  for (const rows of textChunks(dataset.sources, chunkSize)) {
    const plan = await chunk('sources', rows.length, async (tx, writer) => {
      const p = await planSources(tx, rows);
      await writeSources(writer, [...p.created, ...p.updated]);
      return p;
    });
    count('sources', plan);
    const created = new Set(plan.created.map((s) => s.id));
    for (const source of rows) if (!created.has(source.id)) storedSources.add(source.id);
    if (undo) {
      pushAll(undo.sources, [...created]);
      pushAll(undo.previousSources, plan.previous);
    }
  }
  for (const rows of chunks(
    grouped(data.entities, (e) => e.kind),
    chunkSize,
  )) {
    const plan = await chunk('entities', rows.length, async (tx, writer) => {
      const p = await planEntities(tx, rows, datasetOrigin(dataset), baseline.entities);
      await writeEntities(writer, p);
      return p;
    });
    count('entities', plan);
    if (undo) {
      pushAll(
        undo.entities,
        plan.created.map((e) => e.id),
      );
      pushAll(undo.previousEntities, plan.previous);
    }
  }
  for (const rows of chunks(
    grouped(data.relationships, (r) => r.type),
    chunkSize,
  )) {
    const plan = await chunk('relationships', rows.length, async (tx, writer) => {
      const p = await planRelationships(tx, rows, datasetSources, baseline.relationshipTypes);
      await writeRelationships(writer, [...p.created, ...p.updated], vocabulary);
      return p;
    });
    count('relationships', plan);
    if (undo) {
      pushAll(
        undo.relationships,
        plan.created.map((r) => ({ id: r.id, type: r.type })),
      );
      pushAll(undo.previousRelationships, plan.previous);
    }
  }
  // Mentions come grouped by source, so a chunk's lookup reads a few sources' mentions only.
  for (const rows of chunks(dataset.mentions, chunkSize)) {
    const plan = await chunk('mentions', rows.length, async (tx, writer) => {
      const p = await planMentions(tx, rows, storedSources);
      await writeMentions(writer, p);
      return p;
    });
    count('mentions', plan);
    if (undo) {
      pushAll(undo.mentions, plan.created);
      pushAll(undo.previousMentions, plan.previous);
    }
  }
  // The vocabulary's descriptions, for /api/vocabulary: the first dataset's wording stays (a later
  // one that words a type differently does not replace it). Last, so a failed load has not written it.
  const vocabularyRows = Object.entries(data.vocabulary.relationshipTypes).map(([name, def]) => ({
    name,
    description: def.description,
    from: def.from ?? null,
    to: def.to ?? null,
  }));
  if (vocabularyRows.length > 0) {
    await step((tx) =>
      tx.run(
        `UNWIND $rows AS row MERGE (t:${LABEL.relationshipType} {id: row.name})
         ON CREATE SET t.description = row.description, t.from = row.from, t.to = row.to`,
        { rows: vocabularyRows },
      ),
    );
  }
  return summary;
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
    for (const part of chunks(rows, size)) await inTransaction(driver, (tx) => tx.run(query, { rows: part }));
  };
  const mentionRow = (m: Mention): Props => ({ ...m, start: neo4j.int(m.start), end: neo4j.int(m.end) });
  await run(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.entity})-[m:${MENTIONED_IN} {start: row.start, end: row.end}]->(:Source {id: row.source})
     DELETE m`,
    undo.mentions.map(mentionRow),
  );
  await run(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.entity})-[m:${MENTIONED_IN} {start: row.start, end: row.end}]->(:Source {id: row.source})
     SET m.text = row.text, m.curated = row.curated`,
    undo.previousMentions.map(mentionRow),
  );
  for (const [type, rows] of groupBy(undo.relationships, (r) => r.type)) {
    if (!isStatementType(type)) continue;
    await run(
      `UNWIND $rows AS id MATCH ()-[r:${type} {id: id}]->() DELETE r`,
      rows.map((r) => r.id),
    );
  }
  for (const [type, rows] of groupBy(undo.previousRelationships, (r) => r.type)) {
    if (!isStatementType(type)) continue;
    await run(`UNWIND $rows AS row MATCH ()-[r:${type} {id: row.id}]->() SET r = row.props`, rows);
  }
  // Anything still attached to a created entity was created by this load too (it did not exist).
  await run('UNWIND $rows AS id MATCH (e:Entity {id: id}) DETACH DELETE e', undo.entities);
  await run(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.id}) SET e = row.props
     FOREACH (_ IN CASE WHEN row.official THEN [] ELSE [1] END | REMOVE e:Official)`,
    undo.previousEntities,
  );
  await run('UNWIND $rows AS id MATCH (s:Source {id: id}) DETACH DELETE s', undo.sources);
  await run('UNWIND $rows AS row MATCH (s:Source {id: row.id}) SET s = row.props', undo.previousSources);
}

/**
 * A large dataset in many transactions of `transactionSize` rows.
 *
 * What a failure leaves: the database as it was before the load, as far as this process can put
 * it back. The load remembers what each committed transaction created and what it overwrote, and
 * on any error (a conflict, a lost connection that comes back, an injected failure) deletes the
 * former and restores the latter. Two things are weaker than the one-transaction load: readers can
 * see a half-loaded dataset while it runs, and if the process itself dies the partial load stays;
 * since loading is idempotent, running the same load again completes it (it finds the committed
 * rows unchanged and writes the rest).
 */
async function loadBatched(
  driver: Driver,
  dataset: CompiledDataset,
  options: LoadOptions,
  transactionSize: number,
): Promise<LoadSummary> {
  const undo: Undo = {
    sources: [],
    entities: [],
    relationships: [],
    mentions: [],
    previousSources: [],
    previousEntities: [],
    previousRelationships: [],
    previousMentions: [],
  };
  try {
    const baseline = await readBaseline(driver);
    return await runLoad(
      (work) => inTransaction(driver, work),
      baseline,
      dataset,
      options,
      transactionSize,
      undo,
    );
  } catch (error) {
    await undoBatches(driver, undo);
    throw error;
  }
}

/** Loads a dataset that has already been read and validated. */
export async function loadCompiledDataset(
  driver: Driver,
  compiled: CompiledDataset,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  // Ids of entities merged since the dataset was written name their survivors (merged-ids.ts).
  const dataset = await withSurvivorIds(driver, compiled);
  // Constraints first (their own transactions): they make the MERGEs below fast and safe.
  await applySchema(driver, { relationshipTypes: Object.keys(dataset.data.vocabulary.relationshipTypes) });
  // Every contradiction with what is stored, at once and before anything is written.
  const { records: seeded } = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) > 0 AS seeded');
  const notes: ValidationError[] = [];
  if (seeded[0]?.get('seeded') === true) {
    const check = await checkAgainstDatabase(driver, dataset);
    if (check.errors.length > 0) throw new DatasetInvalidError(check.errors);
    notes.push(...check.notes);
  }
  const withNotes = (summary: LoadSummary): LoadSummary => ({ ...summary, notes });
  const { data } = dataset;
  const records = data.entities.length + data.relationships.length + dataset.mentions.length;
  const transactionSize =
    options.transactionSize ?? (records > BATCHED_LOAD_THRESHOLD ? DEFAULT_TRANSACTION_SIZE : undefined);
  if (transactionSize !== undefined) {
    if (options.alsoInTransaction) throw new Error('alsoInTransaction needs a load in one transaction');
    return withNotes(await loadBatched(driver, dataset, options, Math.max(1, transactionSize)));
  }
  // Read before the transaction: a failed statistics call would end it. A writer that adds entities
  // in between makes the load fail on the id constraint, never duplicate.
  const baseline = await readBaseline(driver);
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    return withNotes(
      await session.executeWrite(async (tx) => {
        const summary = await runLoad(
          (work) => work(tx),
          baseline,
          dataset,
          options,
          Number.POSITIVE_INFINITY,
        );
        await options.alsoInTransaction?.(tx);
        return summary;
      }),
    );
  } finally {
    await session.close();
  }
}

/** Validates the dataset file completely, then loads it (see loadCompiledDataset). */
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
