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
}

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
  const plan: Plan<SourceRow> = { created: [], updated: [], unchanged: 0 };
  for (const source of sources) {
    const props = sourceProps(source);
    const current = existing.get(source.id);
    if (!current) plan.created.push({ id: source.id, props });
    else if (current.contentHash !== source.contentHash) {
      // Every offset into the old text would point at the wrong characters.
      throw new LoadConflictError(
        `Source "${source.id}" is already loaded with content ${String(current.contentHash)}, not ${source.contentHash}; a changed text needs a new source id`,
      );
    } else if (changes(current, props)) plan.updated.push({ id: source.id, props });
    else plan.unchanged += 1;
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
  const plan: Plan<EntityRow> = { created: [], updated: [], unchanged: 0 };
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
    if (labelsChange || changes(current.props, row.props)) plan.updated.push(row);
    else plan.unchanged += 1;
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

async function planRelationships(
  tx: ManagedTransaction,
  relationships: readonly DatasetRelationship[],
  datasetSources: ReadonlySet<string>,
): Promise<Plan<RelationshipRow>> {
  // Relationship ids are unique across types, which no single index covers: one scan finds them all.
  const result = await tx.run(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id IN $ids
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`,
    { ids: relationships.map((r) => r.id) },
  );
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
  const plan: Plan<RelationshipRow> = { created: [], updated: [], unchanged: 0 };
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
      if (changes(current.props, row.props)) plan.updated.push(row);
      else plan.unchanged += 1;
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
  const plan: Plan<Mention> = { created: [], updated: [], unchanged: 0 };
  for (const mention of mentions) {
    const current = existing.get(mentionKey(mention));
    if (!current) plan.created.push(mention);
    else if (current.text !== mention.text || current.curated !== mention.curated) plan.updated.push(mention);
    else plan.unchanged += 1;
  }
  return plan;
}

// ---- writing ----------------------------------------------------------------------------------

class BatchWriter {
  private batches = 0;
  private done = 0;

  constructor(
    private readonly tx: ManagedTransaction,
    private readonly total: number,
    private readonly options: LoadOptions,
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
      this.batches += 1;
      this.done += batch.length;
      this.options.onProgress?.({ phase, done: this.done, total: this.total });
      if (this.options.failAfterBatches !== undefined && this.batches >= this.options.failAfterBatches) {
        throw new InjectedFailureError(this.batches);
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

  await writer.write(
    'sources',
    'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s += row.props RETURN count(*) AS written',
    sourceRows,
    (row) => ({ id: row.id, props: storedProps(row.props) }),
  );

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

  const vocabulary = new Set(Object.keys(data.vocabulary.relationshipTypes));
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

  return {
    dataset: dataset.file,
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

/** Loads a dataset that has already been read and validated. */
export async function loadCompiledDataset(
  driver: Driver,
  dataset: CompiledDataset,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  // Constraints first (their own transactions): they make the MERGEs below fast and safe.
  await applySchema(driver, { relationshipTypes: Object.keys(dataset.data.vocabulary.relationshipTypes) });
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
