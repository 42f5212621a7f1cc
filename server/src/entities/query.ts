import { type DomainError, invalid, notFound } from '../errors.js';
import neo4j, { type Driver } from 'neo4j-driver';
import type { EntityKind } from '../../../contract/common.js';
import {
  QUOTED_LINKS,
  type EntityResponseT,
  type MentionT,
  type NeighborsResponseT,
} from '../../../contract/entities.js';
import type { GraphNodeT } from '../../../contract/graph.js';
import { toNumber } from '../db/mapping.js';
import {
  edgeProjection,
  edgeSummaryProjection,
  nodeProjection,
  toGraphNode,
  uniqueEdges,
  type NodeLike,
} from '../graph/payload.js';
import {
  checkKnownRelationshipTypes,
  knownRelationshipTypesSubquery,
  relationshipTypeExpression,
  requestedRelationshipTypes,
  statementTypes,
  statementTypesChanged,
} from '../graph/relationship-types.js';
import { ENTITY_PROVENANCE, ENTITY_RESOLUTION, MENTIONED_IN, STATEMENT_TYPES } from '../../../model/index.js';

function noEntity(id: string): DomainError {
  return notFound(`No entity has the id '${id}'.`);
}

/**
 * The entity, its mentions and its links in one round trip. Mentions are read once, grouped by
 * source, so each source's title is read once and the per-source counts ("Mentioned 8 times in 2
 * sources") come from the same rows. Links are ordered as the details panel lists them (type, start,
 * end); the first QUOTED_LINKS carry their claims, the rest are summaries (edgeSummaryProjection):
 * a hub has thousands of links, and reading every claim list and looking up every claim's source
 * was most of the answer's time (docs/performance.md). A summary's claims come from readLink.
 */
const entityQuery = `
MATCH (entity:Entity {id: $id})
CALL (entity) {
  MATCH (entity)-[mention:${MENTIONED_IN}]->(source:Source)
  WITH source, mention ORDER BY mention.start, mention.end
  WITH source, collect([mention.start, mention.end, mention.text, mention.curated]) AS spans
  ORDER BY source.id
  RETURN collect([source.id, source.title, source.publisher, source.date, spans]) AS mentions
}
CALL (entity) {
  MATCH (entity)-[r:${STATEMENT_TYPES}]-(other:Entity)
  WITH r, other ORDER BY type(r), startNode(r).id, endNode(r).id, r.id
  WITH collect(r) AS links, collect(DISTINCT other) AS neighbors
  RETURN [link IN links[..$quoted] | ${edgeProjection('link')}]
    + [link IN links[$quoted..] | ${edgeSummaryProjection('link')}] AS relationships, neighbors
}
RETURN ${nodeProjection('entity')} AS entity, mentions, relationships,
  [neighbor IN neighbors | ${nodeProjection('neighbor')}] AS neighbors`;

const optionalString = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** Mentions grouped by source (entityQuery) as the contract's mentions and per-source counts. */
function mentionsBySource(groups: unknown[][]): Pick<EntityResponseT, 'mentions' | 'mentionSources'> {
  const mentions: MentionT[] = [];
  const mentionSources: EntityResponseT['mentionSources'] = [];
  for (const [sourceId, title, publisher, date, spans] of groups) {
    const id = String(sourceId);
    const list = spans as unknown[][];
    for (const [start, end, quote, curated] of list) {
      mentions.push({
        sourceId: id,
        start: toNumber(start),
        end: toNumber(end),
        quote: String(quote),
        curated: curated === true,
      });
    }
    mentionSources.push({
      sourceId: id,
      title: optionalString(title) ?? id,
      publisher: optionalString(publisher),
      date: optionalString(date),
      count: list.length,
    });
  }
  // By title, as the page lists them; the id settles equal titles.
  const byTitle = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  mentionSources.sort((a, b) => byTitle(a.title, b.title) || byTitle(a.sourceId, b.sourceId));
  return { mentions, mentionSources };
}

/** Which dataset set each field, and the values other datasets gave (model/ ENTITY_PROVENANCE). */
function entityProvenance(
  properties: Record<string, unknown>,
): Pick<EntityResponseT, 'fieldSources' | 'alternatives'> {
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const fieldSources: Record<string, string> = {};
  for (const pair of list(properties[ENTITY_PROVENANCE.fieldSources])) {
    const at = pair.indexOf('=');
    fieldSources[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const alternatives = list(properties[ENTITY_PROVENANCE.alternatives]).map((json) => {
    const parsed = JSON.parse(json) as { field: string; value: unknown; source: string };
    return { field: parsed.field, value: parsed.value, sourceId: parsed.source };
  });
  return { fieldSources, alternatives };
}

/**
 * The entity an id names now: itself, or the survivor it was merged into (its `mergedIds`), so that
 * links, stories and datasets written before a merge keep working. Only asked when the id is not found.
 */
export async function survivingId(driver: Driver, id: string): Promise<string | null> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Entity) WHERE $id IN e.${ENTITY_RESOLUTION.mergedIds} RETURN e.id AS id LIMIT 1`,
    { id },
    { routing: 'READ' },
  );
  const found = records[0]?.get('id');
  return typeof found === 'string' ? found : null;
}

export async function readEntity(driver: Driver, id: string): Promise<EntityResponseT> {
  const params = { id, quoted: neo4j.int(QUOTED_LINKS) };
  let { records } = await driver.executeQuery(entityQuery, params, { routing: 'READ' });
  if (records.length === 0) {
    const survivor = await survivingId(driver, id);
    if (survivor)
      ({ records } = await driver.executeQuery(
        entityQuery,
        { ...params, id: survivor },
        { routing: 'READ' },
      ));
  }
  const record = records[0];
  if (!record) throw noEntity(id);
  const entityNode = record.get('entity') as NodeLike;
  const entity = toGraphNode(entityNode);
  const neighbors = (record.get('neighbors') as NodeLike[])
    .map(toGraphNode)
    .filter((node) => node.id !== entity.id);
  return {
    entity,
    ...mentionsBySource(record.get('mentions') as unknown[][]),
    ...entityProvenance(entityNode.properties as Record<string, unknown>),
    relationships: uniqueEdges(record.get('relationships') as unknown[]),
    neighbors,
    version: toNumber((entityNode.properties as Record<string, unknown>)[ENTITY_RESOLUTION.version] ?? 0),
  };
}

export interface NeighborsInput {
  depth: number;
  limit: number;
  types?: EntityKind[];
  rels?: string[];
}

/**
 * Breadth-first from the entity: Neo4j plans the variable-length match as a pruning BFS
 * (`VarLengthExpand(Pruning,BFS)`) that yields each reachable node once with its distance, so depth 2
 * or 3 does not enumerate every path; all of them are counted (`total`) and sorted, only `$limit` are
 * returned. Degree (links to other entities) is all links minus mentions, both read from the degree
 * store instead of expanding. The links among the returned nodes are found from their incoming
 * side: mentions only ever go out of an entity, so a hub's mentions (often more than its links) are
 * never read, and each link is met once, at its end node. The links are summaries, without their
 * claims (edgeSummaryProjection). Depth bounds cannot be parameters; the
 * depth is a validated integer 1–3. The database's types come back in the same round trip (see
 * checkKnownRelationshipTypes and statementTypesChanged).
 *
 * Beyond depth 1 the links among the outermost ring (both ends `depth` hops away) are left out:
 * ordered by degree, that ring's share of the answer is mostly hubs, and at a million links the
 * links among 200 hubs were 2,400 of 2,500 links, 51,000 relationships read to find them and most
 * of the answer's bytes. The links that remain are the ones a walk from the centre crosses (each
 * has an end nearer than `depth`), found by expanding those nearer nodes only, which the BFS has
 * just read. At depth 1 every link among the returned nodes is kept, as before.
 */
function neighborsQuery(depth: number, types: string): string {
  return `
OPTIONAL MATCH (center:Entity {id: $id})
${knownRelationshipTypesSubquery}
CALL (center) {
  MATCH path = (center)-[${types}]-{1,${depth}}(other:Entity)
  WHERE other <> center AND ($kinds IS NULL OR other.kind IN $kinds)
  WITH other, min(length(path)) AS distance
  WITH other, distance, COUNT { (other)--() } - COUNT { (other)-[:${MENTIONED_IN}]->() } AS degree
  ORDER BY distance, degree DESC, other.id
  RETURN collect(other) AS matching, collect(distance) AS distances
}
WITH center, knownRelationshipTypes, size(matching) AS total, [center] + matching[..$limit] AS nodes,
  [0] + distances[..$limit] AS distances
CALL (nodes, distances) {
  ${
    depth === 1
      ? `UNWIND nodes AS end
  MATCH (end)<-[r${types}]-(start)
  WHERE start IN nodes
  WITH r`
      : `UNWIND range(0, size(nodes) - 1) AS i
  WITH nodes[i] AS inner WHERE distances[i] < ${depth}
  MATCH (inner)-[r${types}]-(other)
  WHERE other IN nodes
  WITH DISTINCT r`
  }
  ORDER BY type(r), r.id
  RETURN collect(${edgeSummaryProjection('r')}) AS edges
}
RETURN center IS NOT NULL AS found, knownRelationshipTypes,
  [node IN nodes WHERE node IS NOT NULL | ${nodeProjection('node')}] AS nodes, edges, total`;
}

export async function readNeighbors(
  driver: Driver,
  id: string,
  input: NeighborsInput,
): Promise<NeighborsResponseT> {
  if (!Number.isInteger(input.depth) || input.depth < 1 || input.depth > 3) {
    throw invalid('depth: must be 1, 2 or 3', 'depth');
  }
  const requested = requestedRelationshipTypes(input.rels);
  const walked = requested ?? (await statementTypes(driver));
  const { records } = await driver.executeQuery(
    neighborsQuery(input.depth, relationshipTypeExpression(walked)),
    {
      id,
      kinds: input.types && input.types.length > 0 ? input.types : null,
      limit: neo4j.int(input.limit),
    },
    { routing: 'READ' },
  );
  const record = records[0];
  if (!record) throw new Error('the neighbours query returned no row');
  checkKnownRelationshipTypes(requested, record.get('knownRelationshipTypes'));
  if (requested === null && statementTypesChanged(driver, walked, record.get('knownRelationshipTypes')))
    return readNeighbors(driver, id, input);
  if (record.get('found') !== true) {
    const survivor = await survivingId(driver, id);
    if (survivor) return readNeighbors(driver, survivor, input);
    throw noEntity(id);
  }
  const nodes: GraphNodeT[] = (record.get('nodes') as NodeLike[]).map(toGraphNode);
  const total = toNumber(record.get('total'));
  return {
    nodes,
    edges: uniqueEdges(record.get('edges') as unknown[]),
    total,
    truncated: total > input.limit,
  };
}
