import neo4j from 'neo4j-driver';
import { AppError } from '../http/errors.js';

/** Deeper JSON than this is not a parameter anyone writes by hand, and recursion must stay bounded. */
const maxDepth = 32;

/**
 * JSON parameters as Cypher values. JavaScript numbers reach Neo4j as floats, which `LIMIT $n` or
 * `range(1, $n)` reject, so whole numbers in the safe range become Cypher integers; other numbers
 * stay floats. Objects become maps, arrays lists.
 */
export function toCypherParams(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, toCypherValue(value, `params.${name}`, 1)]),
  );
}

function toCypherValue(value: unknown, field: string, depth: number): unknown {
  if (depth > maxDepth) {
    throw new AppError(400, 'BAD_REQUEST', `${field}: nested deeper than ${maxDepth} levels`, { field });
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map((item, i) => toCypherValue(item, `${field}.${i}`, depth + 1));
  if (typeof value === 'object') {
    // fromEntries defines own properties, so a key such as "__proto__" stays an ordinary map key.
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, toCypherValue(inner, `${field}.${key}`, depth + 1)]),
    );
  }
  throw new AppError(400, 'BAD_REQUEST', `${field}: must be a JSON value`, { field });
}
