import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isLocalDateTime,
  isLocalTime,
  isPoint,
  isTime,
} from 'neo4j-driver';
import type { Integer, Node, Path, Relationship } from 'neo4j-driver';

/**
 * The one place where Neo4j values become plain JSON. Integers that fit in a double become numbers;
 * larger ones become decimal strings, because rounding an id silently is worse than a type change.
 * Temporal values become their ISO-8601 text, which keeps precision and time zone.
 */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export interface PlainNode {
  kind: 'node';
  elementId: string;
  labels: string[];
  properties: Record<string, Plain>;
}

export interface PlainRelationship {
  kind: 'relationship';
  elementId: string;
  type: string;
  startElementId: string;
  endElementId: string;
  properties: Record<string, Plain>;
}

export interface PlainPath {
  kind: 'path';
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

export function isInteger(value: unknown): value is Integer {
  return neo4j.isInt(value);
}

export function toNumber(value: unknown): number {
  if (isInteger(value)) return value.toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  throw new TypeError(`Expected a number, got ${typeof value}`);
}

function isNode(value: object): value is Node {
  return value instanceof neo4j.types.Node;
}
function isRelationship(value: object): value is Relationship {
  return value instanceof neo4j.types.Relationship;
}
function isPath(value: object): value is Path {
  return value instanceof neo4j.types.Path;
}

function plainProperties(properties: Record<string, unknown>): Record<string, Plain> {
  const result: Record<string, Plain> = {};
  for (const [key, value] of Object.entries(properties)) result[key] = toPlain(value);
  return result;
}

export function toPlainNode(node: Node): PlainNode {
  return {
    kind: 'node',
    elementId: node.elementId,
    labels: [...node.labels],
    properties: plainProperties(node.properties),
  };
}

export function toPlainRelationship(rel: Relationship): PlainRelationship {
  return {
    kind: 'relationship',
    elementId: rel.elementId,
    type: rel.type,
    startElementId: rel.startNodeElementId,
    endElementId: rel.endNodeElementId,
    properties: plainProperties(rel.properties),
  };
}

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (isInteger(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object') {
    if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value)) {
      return value.toString();
    }
    if (isDuration(value)) return value.toString();
    if (isPoint(value)) {
      const point: Record<string, Plain> = { srid: toPlain(value.srid), x: value.x, y: value.y };
      if (value.z !== undefined) point.z = value.z;
      return point;
    }
    if (isNode(value)) return toPlainNode(value) as unknown as Plain;
    if (isRelationship(value)) return toPlainRelationship(value) as unknown as Plain;
    if (isPath(value)) {
      const nodes = [value.start, ...value.segments.map((s) => s.end)].map(toPlainNode);
      const relationships = value.segments.map((s) => toPlainRelationship(s.relationship));
      return { kind: 'path', nodes, relationships } as unknown as Plain;
    }
    return plainProperties(value as Record<string, unknown>);
  }
  return String(value);
}
