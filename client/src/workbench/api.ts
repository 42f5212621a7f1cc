import { getJson, isAbort } from '../api/http.js';
import type { CypherResponseT } from '../../../contract/cypher.js';
import type { SchemaViewT } from '../../../contract/schema-view.js';

export type { CypherResponseT, SchemaViewT };

export interface ErrorPosition {
  line: number;
  column: number;
  offset: number;
}

/** A failed console run in the user's words, with where in the query Neo4j found the problem. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly position?: ErrorPosition,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

function isPosition(value: unknown): value is ErrorPosition {
  if (!value || typeof value !== 'object') return false;
  const p = value as Record<string, unknown>;
  return typeof p.line === 'number' && typeof p.column === 'number' && typeof p.offset === 'number';
}

/** POST /api/cypher. Aborting `signal` makes the server stop the query in Neo4j. */
export async function runCypher(
  query: string,
  params: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<CypherResponseT> {
  let response: Response;
  try {
    response = await fetch('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, params }),
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ConsoleError(0, 'NETWORK', 'The Trove server does not answer. Check that it is running.');
  }
  const body = (await response.json().catch((error: unknown) => {
    if (isAbort(error)) throw error;
    return null;
  })) as unknown;
  if (!response.ok) {
    const error = (body as { error?: Record<string, unknown> } | null)?.error;
    throw new ConsoleError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'HTTP',
      typeof error?.message === 'string'
        ? error.message
        : `The server answered with status ${response.status}.`,
      isPosition(error?.position) ? error.position : undefined,
    );
  }
  return body as CypherResponseT;
}

export function fetchSchemaView(signal?: AbortSignal): Promise<SchemaViewT> {
  return getJson('/schema', undefined, signal);
}
