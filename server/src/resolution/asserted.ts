// Where a merge finds the claims its merged entity asserts, and a split the claims to give back.
import type { ManagedTransaction } from 'neo4j-driver';
import { REL, isStatementType } from '../../../model/index.js';
import { relationshipAssertedByIndexName } from '../../../seed/src/schema.js';

/**
 * A Cypher head that binds `r` to every link with a claim that `$asserter` asserts, and its
 * parameters. From the per-type full-text indexes on `assertedBy` (seed/src/schema.ts) when every
 * statement type has one online: a few index hits instead of reading every link of the graph. A store
 * whose indexes are not built yet (they are at the next start) is read whole, as before them.
 */
export async function linksAssertedBy(
  tx: ManagedTransaction,
  asserter: string,
): Promise<{ match: string; params: Record<string, unknown> }> {
  const types = await tx.run('CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType');
  const indexes = types.records
    .map((record) => record.get('relationshipType') as string)
    .filter(isStatementType)
    .map(relationshipAssertedByIndexName);
  const online = await tx.run(
    "SHOW FULLTEXT INDEXES YIELD name, state WHERE state = 'ONLINE' AND name IN $indexes RETURN name",
    { indexes },
  );
  const exact = `$asserter IN r.${REL.assertedBy}`;
  if (online.records.length < indexes.length) {
    return { match: `MATCH ()-[r]->() WHERE ${exact}`, params: { asserter } };
  }
  return {
    // The keyword analyzer keeps an id as one term; the quotes keep Lucene from reading its hyphens.
    // The exact test after the index is what decides (a list holds the id, not a longer one).
    match: `UNWIND $indexes AS index
      CALL db.index.fulltext.queryRelationships(index, $term) YIELD relationship
      WITH DISTINCT relationship AS r WHERE ${exact}`,
    params: { asserter, indexes, term: `"${asserter.replace(/["\\]/g, '\\$&')}"` },
  };
}
