// What the database held when a load began: which lookups it needs. Part of the loader (seed/src/load.ts).
import { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { MENTIONED_IN } from '../../../model/index.js';
import { typeName } from './relationships.js';
import { plain } from './values.js';

/** What the database held when the load began, from the count store: no scan. */
export interface Baseline {
  entities: boolean;
  /** Relationship types other than MENTIONED_IN that held relationships. */
  relationshipTypes: Set<string>;
}

export async function readBaseline(driver: Driver): Promise<Baseline> {
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

/** Every type the database knows, for a load inside a caller's transaction. */
export async function everyTypeBaseline(tx: ManagedTransaction): Promise<Baseline> {
  const { records } = await tx.run(
    'CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS types',
  );
  const types = (records[0]?.get('types') as string[] | undefined) ?? [];
  return { entities: true, relationshipTypes: new Set(types.filter((t) => t !== MENTIONED_IN)) };
}
