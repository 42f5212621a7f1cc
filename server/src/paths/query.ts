import { notFound, invalid } from '../errors.js';
import type { Driver } from 'neo4j-driver';
import type { GraphEdgeT, GraphNodeT } from '../../../contract/graph.js';
import type { PathsResponseT } from '../../../contract/paths.js';
import {
  edgeFromProjection,
  edgeProjection,
  nodeProjection,
  toGraphNode,
  type NodeLike,
} from '../graph/payload.js';
import { BOUNDS } from '../../../model/index.js';
import {
  knownRelationshipTypesSubquery,
  relationshipTypeExpression,
  statementTypes,
  statementTypesChanged,
} from '../graph/relationship-types.js';
import { findPathsViaAsserters } from './asserters.js';

export interface PathsInput {
  from: string;
  to: string;
  maxHops: number;
  k: number;
  /** `asserters`: a path may also step to who asserts a claim on a link (asserters.ts). */
  via?: 'links' | 'asserters';
}

/**
 * Neo4j 5.26 Community runs the GQL selector `SHORTEST k` over a quantified path pattern. The
 * predicate inside the parenthesised pattern is applied during the search (not after it), so the k
 * paths are k simple paths: no entity twice. Only non-mention relationships between Entity nodes
 * are walked, so a path never passes through a Source. Neither k nor the hop bound can be a
 * parameter; both are validated integers (k 1 to 10, maxHops 1 to 6).
 */
function pathsQuery(k: number, maxHops: number, types: string): string {
  return `
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
${knownRelationshipTypesSubquery}
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH path = SHORTEST ${k} ((a)(()-[${types}]-(step:Entity)){1,${maxHops}}(b)
    WHERE NOT a IN step AND all(i IN range(0, size(step) - 2) WHERE NOT step[i] IN step[i + 1..]))
  WITH path ORDER BY length(path), [n IN nodes(path) | n.id], [r IN relationships(path) | r.id]
  RETURN collect({nodes: [n IN nodes(path) | ${nodeProjection('n')}],
    edges: [r IN relationships(path) | ${edgeProjection('r')}]}) AS paths
}
RETURN knownRelationshipTypes, a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  CASE WHEN a IS NOT NULL THEN ${nodeProjection('a')} END AS a, paths`;
}

interface PathValue {
  nodes: NodeLike[];
  edges: unknown[];
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
  const { records } = await driver.executeQuery(
    pathsQuery(input.k, input.maxHops, relationshipTypeExpression(walked)),
    { from: input.from, to: input.to },
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
  const paths = (record.get('paths') as PathValue[]).map((path) => {
    const pathNodes = path.nodes.map(toGraphNode);
    const pathEdges = path.edges.map(edgeFromProjection);
    for (const node of pathNodes) nodes.set(node.id, node);
    for (const edge of pathEdges) edges.set(edge.id, edge);
    return {
      nodes: pathNodes.map((node) => node.id),
      edges: pathEdges.map((edge) => edge.id),
      length: pathEdges.length,
    };
  });
  return { paths, nodes: [...nodes.values()], edges: [...edges.values()] };
}
