import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { entityKinds, stances, type EntityKind, type Stance } from '../../../contract/common.js';
import type { VocabularyResponseT } from '../../../contract/vocabulary.js';
import { toNumber } from '../db/mapping.js';
import { asserterIdsExpression } from './payload.js';
import { entityRelationshipTypes, relationshipTypeExpression } from './relationship-types.js';
import { LABEL, STATEMENT_TYPES } from '../../../model/index.js';

// Counts per label and per relationship type come from Neo4j's count store in constant time, but
// only with the label or type written in the pattern. Kinds are the model's fixed list; types are
// the database's own, checked before they are written (relationshipTypeExpression).
const kindCountsQuery = entityKinds
  .map((kind) => `MATCH (n:${kind}) WITH count(n) AS count RETURN '${kind}' AS kind, count`)
  .join('\nUNION ALL\n');

function typeCountsQuery(types: readonly string[]): string {
  return types
    .map(
      (type) =>
        `MATCH (:Entity)-[r${relationshipTypeExpression([type])}]->() WITH count(r) AS count RETURN '${type}' AS type, count`,
    )
    .join('\nUNION ALL\n');
}

// Stances, asserters and dates are properties without an index: each takes one pass over the links.
const stanceCountsQuery = `
MATCH (:Entity)-[r:${STATEMENT_TYPES}]->(:Entity)
RETURN coalesce(r.stance, 'reported') AS stance, count(*) AS count`;

const assertersQuery = `
MATCH (:Entity)-[r:${STATEMENT_TYPES}]->(:Entity)
WHERE r.assertedBy IS NOT NULL
UNWIND ${asserterIdsExpression('r')} AS asserterId
WITH asserterId, count(*) AS count
OPTIONAL MATCH (asserter:Entity {id: asserterId})
RETURN asserterId AS id, coalesce(asserter.name, asserterId) AS name, count
ORDER BY count DESC, name`;

const yearsQuery = `
CALL () {
  MATCH (e:Entity) WHERE e.dateStart IS NOT NULL
  RETURN e.dateStart AS start, coalesce(e.dateEnd, e.dateStart) AS end
  UNION ALL
  MATCH (:Entity)-[r:${STATEMENT_TYPES}]->(:Entity) WHERE r.dateStart IS NOT NULL
  RETURN r.dateStart AS start, coalesce(r.dateEnd, r.dateStart) AS end
}
RETURN min(left(start, 4)) AS min, max(left(end, 4)) AS max`;

async function countsBy<K extends string>(tx: ManagedTransaction, query: string, key: string) {
  const result = await tx.run(query);
  return result.records.map((record) => ({
    key: String(record.get(key)) as K,
    count: toNumber(record.get('count')),
  }));
}

const descriptionsQuery = `MATCH (t:${LABEL.relationshipType}) RETURN t.id AS name, t.description AS description`;

/**
 * The vocabulary in use, for filters and legends, with the relationship type descriptions the seed
 * stores from the datasets' vocabularies (null for a type no dataset described).
 */
export async function readVocabulary(driver: Driver): Promise<VocabularyResponseT> {
  const types = await entityRelationshipTypes(driver);
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const kinds = await countsBy<EntityKind>(tx, kindCountsQuery, 'kind');
      const typeCounts = types.length > 0 ? await countsBy(tx, typeCountsQuery(types), 'type') : [];
      const stanceCounts = new Map(
        (await countsBy<Stance>(tx, stanceCountsQuery, 'stance')).map((entry) => [entry.key, entry.count]),
      );
      const asserters = (await tx.run(assertersQuery)).records.map((record) => ({
        id: String(record.get('id')),
        name: String(record.get('name')),
        count: toNumber(record.get('count')),
      }));
      const years = (await tx.run(yearsQuery)).records[0];
      const descriptions = new Map(
        (await tx.run(descriptionsQuery)).records.map((record) => [
          String(record.get('name')),
          typeof record.get('description') === 'string' ? (record.get('description') as string) : null,
        ]),
      );
      const yearOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
      return {
        kinds: kinds
          .filter((entry) => entry.count > 0)
          .map((entry) => ({ kind: entry.key, count: entry.count })),
        relationshipTypes: typeCounts
          .filter((entry) => entry.count > 0)
          .map((entry) => ({
            type: entry.key,
            description: descriptions.get(entry.key) ?? null,
            count: entry.count,
          })),
        stances: stances.flatMap((stance) => {
          const count = stanceCounts.get(stance);
          return count === undefined ? [] : [{ stance, count }];
        }),
        asserters,
        years: { min: yearOrNull(years?.get('min')), max: yearOrNull(years?.get('max')) },
      };
    });
  } finally {
    await session.close();
  }
}
