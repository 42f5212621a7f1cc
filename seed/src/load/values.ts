// Neo4j values as the loader compares and stores them. Part of the loader (seed/src/load.ts).
import neo4j from 'neo4j-driver';

export type Props = Record<string, unknown>;

/** A Neo4j value as plain JS, for comparison: integers become numbers. */
export function plain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** A JS value as it should be stored: whole numbers as Neo4j integers, not floats. */
export function stored(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(stored);
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  const x = plain(a) ?? null;
  const y = plain(b) ?? null;
  if (Array.isArray(x) && Array.isArray(y))
    return x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
  return x === y;
}

/** Whether writing `next` (null = remove) onto `current` would change anything. */
export function changes(current: Props, next: Props): boolean {
  return Object.entries(next).some(([key, value]) => !sameValue(current[key], value));
}

export function storedProps(props: Props): Props {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v === undefined ? null : stored(v)]));
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function union(...lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}
