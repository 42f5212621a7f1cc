import type { Node } from 'neo4j-driver';
import {
  entityKinds,
  stances,
  type DateRangeT,
  type EntityKind,
  type Stance,
} from '../../../contract/common.js';
import type { EvidenceT, GraphEdgeT, GraphNodeT } from '../../../contract/graph.js';
import { claimProps, decodeClaimDate, storedClaims } from '../../../model/claims.js';
import { LOCATION, locationPrecisions, type LocationPrecision } from '../../../model/index.js';
import type { GeoLocationT } from '../../../contract/graph.js';
import { findRegion } from '../geo/gazetteer.js';
import { toNumber, toPlain, type Plain } from '../db/mapping.js';

/**
 * The one mapping from stored entities and relationships (docs/graph-model.md) to the contract's
 * GraphNode and GraphEdge. Every domain that returns graph data goes through here.
 */

// Stored node properties that have their own field in GraphNode (or are bookkeeping), so they are
// not repeated in `properties`.
const nodeFieldProperties = new Set([
  'id',
  'kind',
  'name',
  'aliases',
  'backgroundAliases',
  'description',
  'dateStart',
  'dateEnd',
  'datePrecision',
  'official',
  // Provenance of the fields: the entity details answer it (fieldSources, alternatives).
  'fieldSources',
  'alternatives',
  // Resolution's bookkeeping (model/ ENTITY_RESOLUTION): the entity details answer the version.
  'mergedIds',
  'version',
  ...Object.values(LOCATION),
]);

const precisionByLength: Record<number, DateRangeT['precision']> = { 4: 'year', 7: 'month', 10: 'day' };

function optionalString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(toPlain(value));
}

function stringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => String(toPlain(item)));
}

/** A stored date (ISO-8601 prefixes plus precision) as the contract's range, or null when undated. */
export function toDateRange(properties: Record<string, unknown>): DateRangeT | null {
  const start = optionalString(properties.dateStart);
  if (start === null) return null;
  const end = optionalString(properties.dateEnd);
  const stored = optionalString(properties.datePrecision);
  // The precision is stored, but a prefix's length says the same thing if it ever is missing.
  const precision =
    stored === 'year' || stored === 'month' || stored === 'day'
      ? stored
      : (precisionByLength[start.length] ?? 'day');
  return { start, end: end === start ? null : end, precision };
}

/** A stored location (model LOCATION) as the contract's, or undefined when the entity has none. */
export function toGeoLocation(properties: Record<string, unknown>): GeoLocationT | undefined {
  const lat = properties[LOCATION.lat];
  const lon = properties[LOCATION.lon];
  const precision = optionalString(properties[LOCATION.precision]);
  if (lat === null || lat === undefined || lon === null || lon === undefined || precision === null)
    return undefined;
  if (!(locationPrecisions as readonly string[]).includes(precision)) return undefined;
  const regionId = optionalString(properties[LOCATION.region]);
  return {
    lat: toNumber(lat),
    lon: toNumber(lon),
    precision: precision as LocationPrecision,
    region: regionId === null ? null : { id: regionId, name: findRegion(regionId)?.name ?? regionId },
  };
}

function isEntityKind(value: string): value is EntityKind {
  return (entityKinds as readonly string[]).includes(value);
}

function isStance(value: string): value is Stance {
  return (stances as readonly string[]).includes(value);
}

/** Labels other than Entity, the kind first (["Person", "Official"]). */
function nodeTypes(labels: readonly string[], kind: EntityKind): string[] {
  const others = labels.filter((label) => label !== 'Entity' && label !== kind).sort();
  return [kind, ...others];
}

/**
 * What toGraphNode reads of a node: a driver Node, or the map `nodeProjection` returns (the same
 * labels and properties without the element ids, which no contract field uses).
 */
export type NodeLike = Pick<Node, 'labels' | 'properties'>;

/**
 * A Cypher map expression for the node bound to `variable` with what toGraphNode reads. Smaller on
 * the wire than the node itself (no identity, no element id), which counts when a payload holds
 * hundreds of nodes. `variable` is a name chosen in code, never user input.
 */
export function nodeProjection(variable: string): string {
  return `{labels: labels(${variable}), properties: properties(${variable})}`;
}

export function toGraphNode(node: NodeLike): GraphNodeT {
  const properties = node.properties as Record<string, unknown>;
  const storedKind = optionalString(properties.kind);
  const kind =
    storedKind !== null && isEntityKind(storedKind)
      ? storedKind
      : (node.labels.find(isEntityKind) ?? 'Organization');
  const rest: Record<string, Plain> = {};
  for (const key of Object.keys(properties).sort()) {
    if (!nodeFieldProperties.has(key)) rest[key] = toPlain(properties[key]);
  }
  return {
    id: String(properties.id),
    name: optionalString(properties.name) ?? String(properties.id),
    kind,
    types: nodeTypes(node.labels, kind),
    aliases: stringList(properties.aliases),
    description: optionalString(properties.description),
    date: toDateRange(properties),
    ...locationField(properties),
    properties: rest,
  };
}

function locationField(properties: Record<string, unknown>): { location?: GeoLocationT } {
  const location = toGeoLocation(properties);
  return location ? { location } : {};
}

/** What the edge projection resolves for each claim's source (see edgeProjection). */
export interface SourceInfo {
  title: string;
  publisher: string | null;
  date: string | null;
}

/**
 * The claims of a relationship (stored as parallel lists, model/claims.ts) as one object per claim,
 * each naming its source and its asserters. `sources` maps source ids to what the query resolved;
 * `names` entity ids to names (the ids stand in when a name is missing).
 */
export function toEvidence(
  properties: Record<string, unknown>,
  sources: ReadonlyMap<string, SourceInfo> = new Map(),
  names: ReadonlyMap<string, string | null> = new Map(),
): EvidenceT[] {
  return storedClaims(properties).map((claim) => ({
    ...claimDateField(claim.date),
    sourceId: claim.source,
    start: claim.start,
    end: claim.end,
    quote: claim.quote,
    source: sources.get(claim.source) ?? { title: claim.source, publisher: null, date: null },
    asserters: claim.by.map((id) => ({ id, name: names.get(id) ?? id })),
    stance: isStance(claim.stance) ? claim.stance : 'reported',
  }));
}

// Only a claim with a date of its own carries one: when it was said, which the timeline plays by.
function claimDateField(stored: string): { date?: DateRangeT } {
  const date = decodeClaimDate(stored);
  if (!date) return {};
  return { date: { start: date.start, end: date.end ?? null, precision: date.precision } };
}

export interface Asserter {
  id: string;
  name: string | null;
}

/** Names joined for display: "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string | null {
  const last = names.at(-1);
  if (last === undefined) return null;
  return names.length === 1 ? last : `${names.slice(0, -1).join(', ')} and ${last}`;
}

/**
 * What toGraphEdge reads of a relationship: its type and properties, and its element id, which
 * stands in for a missing `id`. A driver Relationship is one; edgeFromProjection makes one.
 */
export interface RelationshipLike {
  type: string;
  properties: Record<string, unknown>;
  elementId?: string | null;
}

/**
 * A relationship as a GraphEdge. `source` and `target` are the entity ids of its start and end node;
 * `asserters` carries the names of the entities in `assertedBy`, which the query resolves (see
 * edgeProjection); without them the ids stand in for the names.
 */
export function toGraphEdge(
  relationship: RelationshipLike,
  source: string,
  target: string,
  asserters: readonly Asserter[] = [],
  sources: ReadonlyMap<string, SourceInfo> = new Map(),
): GraphEdgeT {
  const properties = relationship.properties as Record<string, unknown>;
  const ids = stringList(properties.assertedBy);
  const names = new Map(asserters.map((asserter) => [asserter.id, asserter.name]));
  // Stored by the seed; derived here too for a relationship written before claims (or by hand).
  const derived =
    properties.sourceCount === null || properties.sourceCount === undefined
      ? claimProps(storedClaims(properties))
      : properties;
  const resolved = ids.map((id) => ({ id, name: names.get(id) ?? id }));
  const storedStance = optionalString(properties.stance);
  return {
    id: optionalString(properties.id) ?? relationship.elementId ?? '',
    type: relationship.type,
    source,
    target,
    evidence: toEvidence(properties, sources, names),
    attribution: {
      by: resolved[0]?.id ?? null,
      byName: joinNames(resolved.map((asserter) => asserter.name)),
      stance: storedStance !== null && isStance(storedStance) ? storedStance : 'reported',
      asserters: resolved,
    },
    date: toDateRange(properties),
    description: optionalString(properties.description),
    sourceCount: toNumber(derived.sourceCount ?? 0),
    asserterCount: toNumber(derived.asserterCount ?? 0),
    contested: derived.contested === true,
  };
}

/**
 * A Cypher list expression of the asserter ids of the relationship bound to `variable`: the model
 * stores `assertedBy` as a list, and a single id is read as a list of one.
 */
export function asserterIdsExpression(variable: string): string {
  return `CASE WHEN ${variable}.assertedBy IS NULL THEN []
    WHEN ${variable}.assertedBy IS :: STRING THEN [${variable}.assertedBy]
    ELSE ${variable}.assertedBy END`;
}

/**
 * The stored link properties that GraphEdge shows (docs/graph-model.md), which are all that
 * toGraphEdge reads; in the order edgeProjection lists them.
 */
const edgePropertyKeys = [
  'id',
  'description',
  'evidenceSource',
  'evidenceStart',
  'evidenceEnd',
  'evidenceQuote',
  'assertedBy',
  'stance',
  'claimAssertedBy',
  'claimStance',
  'sourceCount',
  'asserterCount',
  'contested',
  'dateStart',
  'dateEnd',
  'datePrecision',
] as const;

/**
 * The distinct source ids of the claims of the relationship bound to `variable`, in claim order: a
 * link's claims often share a source, whose title is then looked up once, not once per claim.
 */
function distinctSourcesExpression(variable: string): string {
  return `reduce(source_ids = [], source_id IN coalesce(${variable}.evidenceSource, []) |
      CASE WHEN source_id IN source_ids THEN source_ids ELSE source_ids + source_id END)`;
}

/**
 * A Cypher expression for the relationship bound to `variable` with what its GraphEdge needs: type,
 * the ids of its ends, the element id (only when it has no `id`), the names of its asserters (in
 * the order of `assertedBy`), its claims' sources (each once), then the properties of `edgePropertyKeys`. `edgeFromProjection` turns
 * the value into a GraphEdge. It is a list rather than a map or the relationship itself: decoding
 * dominates a large payload in Node, and a list carries no key strings and no element ids to decode
 * (half the decoding time of a two-hop neighbourhood). `variable` is a name chosen in code, never
 * user input.
 */
export function edgeProjection(variable: string): string {
  return `[type(${variable}), startNode(${variable}).id, endNode(${variable}).id,
    CASE WHEN ${variable}.id IS NULL THEN elementId(${variable}) END,
    [asserter_id IN ${asserterIdsExpression(variable)} |
      COLLECT { MATCH (asserter_entity:Entity {id: asserter_id}) RETURN asserter_entity.name }[0]],
    [source_id IN ${distinctSourcesExpression(variable)} |
      COLLECT { MATCH (claim_source:Source {id: source_id})
        RETURN [claim_source.id, claim_source.title, claim_source.publisher, claim_source.date] }[0]],
    ${edgePropertyKeys.map((key) => `${variable}.${key}`).join(', ')}]`;
}

/** Claim lists, which a link summary leaves out (see edgeSummaryProjection). */
const claimListKeys = new Set<string>([
  'evidenceSource',
  'evidenceStart',
  'evidenceEnd',
  'evidenceQuote',
  'claimAssertedBy',
  'claimStance',
]);

/**
 * A link summary in the shape of edgeProjection: everything but the claims (`evidence` comes out
 * empty; sourceCount, asserterCount and contested are stored on the link and still say how well
 * it is supported). A two-hop neighbourhood holds thousands of links among hubs; their quotes and
 * their sources' titles were most of its bytes and of its time. The quotes of a link come with
 * GET /api/entities/:id/links/:linkId when a person opens it.
 */
export function edgeSummaryProjection(variable: string): string {
  return `[type(${variable}), startNode(${variable}).id, endNode(${variable}).id,
    CASE WHEN ${variable}.id IS NULL THEN elementId(${variable}) END,
    [asserter_id IN ${asserterIdsExpression(variable)} |
      COLLECT { MATCH (asserter_entity:Entity {id: asserter_id}) RETURN asserter_entity.name }[0]],
    [],
    ${edgePropertyKeys.map((key) => (claimListKeys.has(key) ? 'null' : `${variable}.${key}`)).join(', ')}]`;
}

export function edgeFromProjection(value: unknown): GraphEdgeT {
  const [type, source, target, elementId, asserterNames, claimSources, ...values] = value as unknown[];
  const properties: Record<string, unknown> = {};
  edgePropertyKeys.forEach((key, index) => {
    properties[key] = values[index] ?? null;
  });
  const names = Array.isArray(asserterNames) ? asserterNames : [];
  const sources = new Map<string, SourceInfo>();
  for (const info of Array.isArray(claimSources) ? claimSources : []) {
    if (!Array.isArray(info)) continue;
    const [id, title, publisher, date] = info as unknown[];
    sources.set(String(id), {
      title: optionalString(title) ?? String(id),
      publisher: optionalString(publisher),
      date: optionalString(date),
    });
  }
  return toGraphEdge(
    { type: String(type), properties, elementId: optionalString(elementId) },
    String(source),
    String(target),
    stringList(properties.assertedBy).map((id, index) => ({ id, name: optionalString(names[index]) })),
    sources,
  );
}

/** Edge projections as GraphEdges, each once, in the order given (an undirected match meets a self-loop twice). */
export function uniqueEdges(values: readonly unknown[]): GraphEdgeT[] {
  const edges = new Map<string, GraphEdgeT>();
  for (const value of values) {
    const edge = edgeFromProjection(value);
    if (!edges.has(edge.id)) edges.set(edge.id, edge);
  }
  return [...edges.values()];
}
