// Writing planned rows in UNWIND batches of one label or type each. Part of the loader (seed/src/load.ts).
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { ENTITY_KINDS, type EntityKind } from '../dataset.js';
import type { Mention } from '../mentions.js';
import { isStatementType, MENTIONED_IN } from '../../../model/index.js';
import {
  type LoadPhase,
  type LoadProgress,
  type LoadOptions,
  DEFAULT_BATCH_SIZE,
  InjectedFailureError,
} from './options.js';
import { type Props, plain, storedProps } from './values.js';
import { type Plan, type SourceRow } from './sources.js';
import { type EntityRow } from './entities.js';
import { type RelationshipRow } from './relationships.js';

/** Progress over the whole load, shared by its transactions. */
export class Progress {
  done = 0;
  relationships = 0;
  /** Write statements run, for the failAfterBatches hook. */
  batches = 0;

  constructor(
    /** Grows as the shards of a sharded load come in. */
    public total: number,
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

export class BatchWriter {
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

export function assertKind(kind: string): asserts kind is EntityKind {
  // Labels cannot be parameters: only the model's fixed kinds are ever interpolated.
  if (!(ENTITY_KINDS as readonly string[]).includes(kind))
    throw new Error(`Unknown kind ${JSON.stringify(kind)}`);
}

export function assertType(type: string, vocabulary: ReadonlySet<string>): void {
  // The dataset's vocabulary was validated as UPPER_SNAKE_CASE; re-check before it becomes Cypher.
  if (!vocabulary.has(type) || !isStatementType(type))
    throw new Error(`Unknown relationship type ${JSON.stringify(type)}`);
}

export function groupBy<Row, K extends string>(rows: readonly Row[], key: (row: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The rows in groups of one key each (in first-seen order), so that chunks hold few groups. */
export function grouped<Row>(rows: readonly Row[], key: (row: Row) => string): Row[] {
  return [...groupBy(rows, key).values()].flat();
}

export async function writeSources(writer: BatchWriter, sourceRows: readonly SourceRow[]): Promise<void> {
  await writer.write(
    'sources',
    'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s += row.props RETURN count(*) AS written',
    sourceRows,
    (row) => ({ id: row.id, props: storedProps(row.props) }),
  );
}

export async function writeEntities(writer: BatchWriter, plan: Plan<EntityRow>): Promise<void> {
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

export async function writeRelationships(
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

export const mentionParam = (m: Mention): Props => ({
  entity: m.entity,
  source: m.source,
  start: neo4j.int(m.start),
  end: neo4j.int(m.end),
  text: m.text,
  curated: m.curated,
});

export async function writeMentions(writer: BatchWriter, plan: Plan<Mention>): Promise<void> {
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
