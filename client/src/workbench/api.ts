import { api } from '../api/client.js';
import type { CypherResponseT } from '../../../contract/cypher.js';
import type { SchemaViewT } from '../../../contract/schema-view.js';

export type { CypherResponseT, SchemaViewT };

/** POST /api/cypher. Aborting `signal` makes the server stop the query in Neo4j. */
export function runCypher(
  query: string,
  params: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<CypherResponseT> {
  return api('runCypher', { body: { query, params } }, signal);
}

export function fetchSchemaView(signal?: AbortSignal): Promise<SchemaViewT> {
  return api('getSchemaView', {}, signal);
}
