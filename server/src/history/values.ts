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

export function encodeProps(props: Props): Props {
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, encodeValue(value)]));
}

export function decodeProps(props: Props): Props {
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, decodeValue(value)]));
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
