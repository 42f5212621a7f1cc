import type { Driver } from 'neo4j-driver';
import { toNumber } from '../db/mapping.js';
import { MENTIONED_IN } from '../../../model/index.js';

export interface Health {
  status: 'ok';
  neo4j: { connected: true; version: string; edition: string };
  counts: { nodes: number; relationships: number };
}

// Counts come from Neo4j's count store (constant time at any size). Mentions are bookkeeping
// between entities and their sources, so they are not counted as relationships of the graph.
const healthQuery = `
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS allRelationships }
CALL () { MATCH ()-[m:${MENTIONED_IN}]->() RETURN count(m) AS mentions }
RETURN versions[0] AS version, edition, nodes, allRelationships - mentions AS relationships`;

export async function readHealth(driver: Driver): Promise<Health> {
  const { records } = await driver.executeQuery(healthQuery, {}, { routing: 'READ' });
  const record = records[0];
  if (!record) throw new Error('dbms.components() returned no Neo4j Kernel row');
  return {
    status: 'ok',
    neo4j: {
      connected: true,
      version: String(record.get('version')),
      edition: String(record.get('edition')),
    },
    counts: { nodes: toNumber(record.get('nodes')), relationships: toNumber(record.get('relationships')) },
  };
}
