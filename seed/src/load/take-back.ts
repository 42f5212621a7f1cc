// What a load did, and how to take it back: after a batched load fails part-way (the transactions it
// committed), and when the publish of an import is undone from history (the one transaction it ran).
// Part of the loader (seed/src/load.ts).
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { isStatementType, LABEL, MENTIONED_IN } from '../../../model/index.js';
import type { Mention } from '../mentions.js';
import type { EntityRow } from './entities.js';
import type { RelationshipRow } from './relationships.js';
import type { SourceRow } from './sources.js';
import type { Props } from './values.js';
import { groupBy } from './write.js';

/**
 * What a load created and what it overwrote (with the properties before). Links and mentions that
 * hang off a node the load created are left out: deleting that node takes them, so the record of a
 * sharded load does not grow with the dataset.
 */
export interface LoadRecord {
  sources: string[];
  entities: string[];
  relationships: { id: string; type: string }[];
  mentions: Mention[];
  previousSources: SourceRow[];
  previousEntities: EntityRow[];
  previousRelationships: RelationshipRow[];
  previousMentions: Mention[];
  /** Relationship types whose description (RelationshipType node) the load wrote first. */
  vocabulary: string[];
  /** A batch created the history's counter (write-lock.ts): the first write into an empty database. */
  createdCounter: boolean;
}

export function emptyLoadRecord(): LoadRecord {
  return {
    sources: [],
    entities: [],
    relationships: [],
    mentions: [],
    previousSources: [],
    previousEntities: [],
    previousRelationships: [],
    previousMentions: [],
    vocabulary: [],
    createdCounter: false,
  };
}

/** How the statements of a take-back run: in many transactions, or in the caller's one. */
export interface TakeBackRunner {
  /** One statement over `rows` (as `$rows`). */
  run(query: string, rows: readonly unknown[]): Promise<void>;
  /** Deletes these nodes with everything attached. */
  detachDelete(label: string, ids: readonly string[]): Promise<void>;
  /** Removes the history's counter if the load created it and nothing has used it since. */
  dropUnusedCounter(): Promise<void>;
}

/**
 * Takes back what a load did, newest first: restores the previous properties (and the missing
 * Official label) of what it updated, then deletes what it created.
 */
export async function takeBack(runner: TakeBackRunner, record: LoadRecord): Promise<void> {
  const mentionRow = (m: Mention): Props => ({ ...m, start: neo4j.int(m.start), end: neo4j.int(m.end) });
  const mention = `UNWIND $rows AS row MATCH (e:${LABEL.entity} {id: row.entity})-[m:${MENTIONED_IN} {start: row.start, end: row.end}]->(:${LABEL.source} {id: row.source})`;
  await runner.run(`${mention} DELETE m`, record.mentions.map(mentionRow));
  await runner.run(
    `${mention} SET m.text = row.text, m.curated = row.curated`,
    record.previousMentions.map(mentionRow),
  );
  for (const [type, rows] of groupBy(record.relationships, (r) => r.type)) {
    if (!isStatementType(type)) continue;
    await runner.run(
      `UNWIND $rows AS id MATCH ()-[r:${type} {id: id}]->() DELETE r`,
      rows.map((r) => r.id),
    );
  }
  for (const [type, rows] of groupBy(record.previousRelationships, (r) => r.type)) {
    if (!isStatementType(type)) continue;
    await runner.run(`UNWIND $rows AS row MATCH ()-[r:${type} {id: row.id}]->() SET r = row.props`, rows);
  }
  // Anything still attached to a created entity or source was created by this load too (it did not
  // exist), so the record leaves it out.
  await runner.detachDelete(LABEL.entity, record.entities);
  await runner.run(
    `UNWIND $rows AS row MATCH (e:${LABEL.entity} {id: row.id}) SET e = row.props
     FOREACH (_ IN CASE WHEN row.official THEN [] ELSE [1] END | REMOVE e:${LABEL.official})`,
    record.previousEntities,
  );
  await runner.detachDelete(LABEL.source, record.sources);
  await runner.run(
    `UNWIND $rows AS row MATCH (s:${LABEL.source} {id: row.id}) SET s = row.props`,
    record.previousSources,
  );
  await runner.run(
    `UNWIND $rows AS id MATCH (t:${LABEL.relationshipType} {id: id}) DELETE t`,
    record.vocabulary,
  );
  if (record.createdCounter) await runner.dropUnusedCounter();
}

/** Takes back a load of one transaction inside the caller's transaction (undo of a publish). */
export function takeBackIn(tx: ManagedTransaction, record: LoadRecord): Promise<void> {
  return takeBack(
    {
      run: async (query, rows) => {
        if (rows.length > 0) await tx.run(query, { rows });
      },
      detachDelete: async (label, ids) => {
        if (ids.length > 0)
          await tx.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) DETACH DELETE n`, { ids });
      },
      // The counter is the history's: an undo that logs itself keeps it.
      dropUnusedCounter: async () => {},
    },
    record,
  );
}
