// Planning relationships: claims merged with what other datasets stored. Part of the loader (seed/src/load.ts).
import { type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import { claimProps, fromDataset, mergeClaims, storedClaims } from '../../../model/claims.js';
import { type DatasetRelationship } from '../dataset.js';
import { LABEL, REL_RESOLUTION, RELATIONSHIP_TYPE_PATTERN } from '../../../model/index.js';
import { LoadConflictError } from './options.js';
import { type Props, sameValue, changes, stringList, union } from './values.js';
import { type Plan } from './sources.js';
import { groupBy } from './write.js';

export interface RelationshipRow {
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
    // Ids combined into it by merges stay combined: a record adds to the list, never shortens it.
    ...(rel.mergedIds !== undefined && rel.mergedIds.length > 0
      ? {
          [REL_RESOLUTION.mergedIds]: union(stringList(current?.[REL_RESOLUTION.mergedIds]), rel.mergedIds),
        }
      : {}),
  };
}

// When it happened: two datasets citing one relationship must agree on it (who says it, and how,
// is per claim and may differ).
export const ASSERTION_KEYS = ['dateStart', 'dateEnd', 'datePrecision'] as const;

/** A relationship type as a Cypher identifier. Types cannot be parameters. */
export function typeName(type: string): string {
  return RELATIONSHIP_TYPE_PATTERN.test(type) ? type : `\`${type.replace(/`/g, '``')}\``;
}

export interface StoredRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Props;
}

/** Runs one read query: a transaction's `run`, or a session's. */
export interface QueryRunner {
  run(query: string, parameters: Record<string, unknown>): PromiseLike<QueryResult>;
}

/**
 * The stored relationships with these ids among the given types: one index seek per id and type
 * (each type's id constraint is an index). Relationship ids are unique across types, which no
 * single index covers, so finding an id under another type takes a seek in each.
 *
 * One query per type, not one UNION ALL of every type: Neo4j plans a union of 40 branches in about
 * 1.5 s and keys its plan cache on the text, so each group of types cost that again, and a load on
 * top of a store with many types ran out of its transaction timeout. A single-type query is planned
 * once per type and then comes from the cache.
 */
export async function lookupRelationships(
  runner: QueryRunner,
  ids: readonly string[],
  types: readonly string[],
): Promise<StoredRelationship[]> {
  if (ids.length === 0) return [];
  const found: StoredRelationship[] = [];
  for (const type of types) {
    const result = await runner.run(
      `MATCH (a:${LABEL.entity})-[r:${typeName(type)}]->(b:${LABEL.entity}) WHERE r.id IN $ids
       RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`,
      { ids },
    );
    for (const record of result.records)
      found.push({
        id: record.get('id') as string,
        type: record.get('type') as string,
        from: record.get('from') as string,
        to: record.get('to') as string,
        props: record.get('props') as Props,
      });
  }
  return found;
}

/**
 * `storedTypes`: the relationship types that held relationships when the load began; ids of this
 * load's earlier transactions are the dataset's own, unique, so they need no looking up.
 */
export async function planRelationships(
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
    // Then the ids not found, under every other type: the same id with another type is a conflict.
    // All of them at once per type, so a transaction runs one seek query per stored type.
    const missing = relationships.filter((r) => !existing.has(r.id));
    const missingTypes = new Set(missing.map((r) => r.type));
    const onlyType = missingTypes.size === 1 ? [...missingTypes][0] : undefined;
    const others = [...storedTypes].filter((t) => t !== onlyType).sort();
    add(
      await lookupRelationships(
        tx,
        missing.map((r) => r.id),
        others,
      ),
    );
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
