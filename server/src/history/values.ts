// Stored properties kept in the history's JSON (before/after, inverse actions) and written back by undo.
// JSON has one kind of number, Neo4j two: an integer is tagged on the way in, so that undo writes back
// an integer where there was one and a float where there was one, and the graph is equal afterwards.
import neo4j from 'neo4j-driver';

export type Props = Record<string, unknown>;
type Tagged = null | boolean | number | string | { $int: string } | Tagged[];

function encodeValue(value: unknown): Tagged {
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (typeof value === 'bigint') return { $int: value.toString() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  // Temporal and spatial values are not part of the entity model; their text keeps what they said.
  return String(value);
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === 'object' && '$int' in value) return neo4j.int(String(value.$int));
  return value;
}

function isPlainObject(value: unknown): value is Props {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A nested record (a load's, say) as JSON: objects and arrays kept, integers tagged. */
export function encodeTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeTree);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeTree(item)]));
  return encodeValue(value);
}

export function decodeTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTree);
  if (isPlainObject(value) && !('$int' in value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeTree(item)]));
  return decodeValue(value);
}

/** Stored properties as JSON: a node's or relationship's values hold no nested maps. */
export function encodeProps(props: Props): Props {
  return encodeTree(props) as Props;
}

export function decodeProps(props: Props): Props {
  return decodeTree(props) as Props;
}

/** A computed value as it should be stored: whole numbers as Neo4j integers (as the seed writes them). */
export function storedValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(storedValue);
  return value;
}

export function storedProps(props: Props): Props {
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, storedValue(value)]));
}

/** A stored value as plain JSON for comparing and showing: integers become numbers. */
export function plainValue(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(plainValue);
  return value ?? null;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(plainValue(a)) === JSON.stringify(plainValue(b));
}
