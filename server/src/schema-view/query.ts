import type { Driver } from 'neo4j-driver';
import { entityKinds, type EntityKind } from '../../../contract/common.js';
import type { SchemaViewT } from '../../../contract/schema-view.js';
import { toNumber } from '../db/mapping.js';
import { STATEMENT_TYPES } from '../../../model/index.js';

// Per-label counts come from Neo4j's count store in constant time, but only with the label written
// in the pattern; the kinds are the model's fixed list, never input.
const kindCountsQuery = entityKinds
  .map((kind) => `MATCH (n:${kind}) WITH count(n) AS count RETURN '${kind}' AS kind, count`)
  .join('\nUNION ALL\n');

// The count store knows one end's label per relationship type, not both, so this is one pass over the
// relationships. The kind is read from the `kind` property the model keeps beside the label.
const connectionsQuery = `
MATCH (start:Entity)-[r:${STATEMENT_TYPES}]->(end:Entity)
WHERE start.kind IN $kinds AND end.kind IN $kinds
RETURN type(r) AS type, start.kind AS from, end.kind AS to, count(r) AS count
ORDER BY type, from, to`;

export async function readSchemaView(driver: Driver): Promise<SchemaViewT> {
  const [kinds, connections] = await Promise.all([
    driver.executeQuery(kindCountsQuery, {}, { routing: 'READ' }),
    driver.executeQuery(connectionsQuery, { kinds: [...entityKinds] }, { routing: 'READ' }),
  ]);
  return {
    kinds: kinds.records.map((record) => ({
      kind: record.get('kind') as EntityKind,
      count: toNumber(record.get('count')),
    })),
    relationships: connections.records.map((record) => ({
      type: String(record.get('type')),
      from: record.get('from') as EntityKind,
      to: record.get('to') as EntityKind,
      count: toNumber(record.get('count')),
    })),
  };
}
