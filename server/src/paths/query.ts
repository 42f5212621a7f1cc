import { notFound, invalid } from '../errors.js';
import neo4j, { type Driver } from 'neo4j-driver';
import type { GraphEdgeT, GraphNodeT } from '../../../contract/graph.js';
import type { PathsResponseT } from '../../../contract/paths.js';
import { edgeFromProjection, nodeProjection, toGraphNode, type NodeLike } from '../graph/payload.js';
import { BOUNDS } from '../../../model/index.js';
import {
  knownRelationshipTypesSubquery,
  relationshipTypeExpression,
  statementTypes,
  statementTypesChanged,
} from '../graph/relationship-types.js';
import { findPathsViaAsserters } from './asserters.js';
import { foundPathProjection, moreSimplePaths, type FoundPath } from './deviations.js';

export interface PathsInput {
  from: string;
  to: string;
  maxHops: number;
  k: number;
  /** `asserters`: a path may also step to who asserts a claim on a link (asserters.ts). */
  via?: 'links' | 'asserters';
}

/**
 * The shortest paths first: `allShortestPaths` is Neo4j's bidirectional BFS that visits each entity
 * once (GQL's `SHORTEST k` searches every trail, so pairs joined through hubs read tens of thousands
 * of relationships for three paths: docs/performance.md). When fewer than k paths share the least
 * length, the longer ones come from their detours (deviations.ts, Yen's algorithm). Only
 * non-mention relationships between Entity nodes are walked, so a path never passes through a
 * Source. The hop bound cannot be a parameter; it is a validated integer (1 to 6).
 */
function pathsQuery(maxHops: number, types: string): string {
  return `
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
${knownRelationshipTypesSubquery}
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH path = allShortestPaths((a)-[${types}*..${maxHops}]-(b))
  WHERE all(n IN nodes(path) WHERE n:Entity)
  WITH path LIMIT $k
  RETURN collect(${foundPathProjection('path')}) AS paths
}
RETURN knownRelationshipTypes, a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  CASE WHEN a IS NOT NULL THEN ${nodeProjection('a')} END AS a, elementId(b) AS toKey, paths`;
}

function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

export async function findPaths(driver: Driver, input: PathsInput): Promise<PathsResponseT> {
  for (const [field, max] of [
    ['k', BOUNDS.pathK],
    ['maxHops', BOUNDS.pathHops],
  ] as const) {
    const value = input[field];
    if (!Number.isInteger(value) || value < max.min || value > max.max) {
      throw invalid(`${field}: must be an integer from ${max.min} to ${max.max}`, field);
    }
  }
  const walked = await statementTypes(driver);
  const types = relationshipTypeExpression(walked);
  const { records } = await driver.executeQuery(
    pathsQuery(input.maxHops, types),
    { from: input.from, to: input.to, k: neo4j.int(input.k) },
    { routing: 'READ' },
  );
  const record = records[0];
  if (!record) throw new Error('the paths query returned no row');
  if (statementTypesChanged(driver, walked, record.get('knownRelationshipTypes')))
    return findPaths(driver, input);
  for (const [field, found] of [
    ['from', record.get('fromFound')],
    ['to', record.get('toFound')],
  ] as const) {
    if (found !== true) {
      throw notFound(`${field}: no entity has the id '${input[field]}'.`, field);
    }
  }

  if (input.via === 'asserters' && input.from !== input.to) {
    return findPathsViaAsserters(driver, input);
  }
  const nodes = new Map<string, GraphNodeT>();
  const edges = new Map<string, GraphEdgeT>();
  if (input.from === input.to) {
    // A path from an entity to itself has no hops: the entity alone.
    const node = toGraphNode(record.get('a') as NodeLike);
    return { paths: [{ nodes: [node.id], edges: [], length: 0 }], nodes: [node], edges: [] };
  }
  let found = record.get('paths') as FoundPath[];
  if (found.length > 0 && found.length < input.k) {
    const toKey = String(record.get('toKey'));
    found = await moreSimplePaths(driver, { toKey, k: input.k, maxHops: input.maxHops, types }, found);
  }
  const paths = found
    .map((path) => {
      const pathNodes = path.nodes.map(toGraphNode);
      const pathEdges = path.edges.map(edgeFromProjection);
      for (const node of pathNodes) nodes.set(node.id, node);
      for (const edge of pathEdges) edges.set(edge.id, edge);
      return {
        nodes: pathNodes.map((node) => node.id),
        edges: pathEdges.map((edge) => edge.id),
        length: pathEdges.length,
      };
    })
    // By length, then by the nodes' ids, then by the links' ids (the API's order).
    .sort((a, b) => a.length - b.length || compareLists(a.nodes, b.nodes) || compareLists(a.edges, b.edges));
  return { paths, nodes: [...nodes.values()], edges: [...edges.values()] };
}
