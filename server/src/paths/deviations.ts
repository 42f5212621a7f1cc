import neo4j, { type Driver } from 'neo4j-driver';
import { LABEL } from '../../../model/index.js';
import { edgeProjection, nodeProjection, type NodeLike } from '../graph/payload.js';

/**
 * A path as the queries return it: element ids (which exclusions compare, without reading a
 * property per visited node) beside the projections the answer is made of.
 */
export interface FoundPath {
  nodeKeys: string[];
  edgeKeys: string[];
  nodes: NodeLike[];
  edges: unknown[];
}

/** The projections of the path bound to `path`, in the shape of FoundPath. */
export function foundPathProjection(path: string): string {
  return `{nodeKeys: [n IN nodes(${path}) | elementId(n)], edgeKeys: [r IN relationships(${path}) | elementId(r)],
    nodes: [n IN nodes(${path}) | ${nodeProjection('n')}], edges: [r IN relationships(${path}) | ${edgeProjection('r')}]}`;
}

interface Spur {
  /** Where the root (the first `at` hops of `of`) ends and the detour starts. */
  node: string;
  at: number;
  of: FoundPath;
  /** The root's nodes before the spur: a detour through them would not be a simple path. */
  excludedNodes: string[];
  /** The next hop of every path found so far that shares this root: the detour must leave it. */
  excludedEdges: string[];
  budget: number;
}

/**
 * From each spur node to the end, its shortest detours (up to $k each), in one round trip.
 * `allShortestPaths` is a bidirectional BFS that visits each node once and checks these universal
 * predicates while it searches (no exhaustive fallback is planned for them); the budget is applied
 * after it, so the hop bound stays a literal.
 */
function detoursQuery(types: string, maxHops: number): string {
  return `
MATCH (b:${LABEL.entity}) WHERE elementId(b) = $to
UNWIND $spurs AS spur
MATCH (x:${LABEL.entity}) WHERE elementId(x) = spur.node
CALL (x, b, spur) {
  MATCH detour = allShortestPaths((x)-[${types}*..${maxHops}]-(b))
  WHERE all(n IN nodes(detour) WHERE n:${LABEL.entity} AND NOT elementId(n) IN spur.excludedNodes)
    AND none(r IN relationships(detour) WHERE elementId(r) IN spur.excludedEdges)
  RETURN detour LIMIT $k
}
WITH spur, detour WHERE length(detour) <= spur.budget
RETURN spur.index AS index, ${foundPathProjection('detour')} AS detour`;
}

const pathKey = (path: Pick<FoundPath, 'nodeKeys' | 'edgeKeys'>): string =>
  `${path.nodeKeys.join(',')}|${path.edgeKeys.join(',')}`;

function sameRoot(a: FoundPath, b: FoundPath, hops: number): boolean {
  for (let i = 0; i <= hops; i += 1) if (a.nodeKeys[i] !== b.nodeKeys[i]) return false;
  for (let i = 0; i < hops; i += 1) if (a.edgeKeys[i] !== b.edgeKeys[i]) return false;
  return true;
}

/**
 * Yen's algorithm from a start that already holds every shortest path (allShortestPaths): the next
 * shortest simple path leaves one of the paths found at some node (the spur) and takes the shortest
 * way from there that avoids the root's nodes and the hops the found paths sharing that root take
 * next. Every candidate of the least length found is as short as any path not yet found, so all of
 * them are taken at once; a round per longer length, each one query. Candidates already found are
 * skipped; the paths come back in the order they were found.
 */
export async function moreSimplePaths(
  driver: Driver,
  input: { toKey: string; k: number; maxHops: number; types: string },
  shortest: readonly FoundPath[],
): Promise<FoundPath[]> {
  const found = [...shortest];
  const known = new Set(found.map(pathKey));
  const candidates = new Map<string, FoundPath>();
  let fresh = [...shortest];
  while (found.length < input.k && fresh.length > 0) {
    const spurs: Spur[] = [];
    for (const path of fresh) {
      for (let at = 0; at < path.edgeKeys.length; at += 1) {
        const budget = input.maxHops - at;
        if (budget < 1) break;
        const excludedEdges = found
          .filter((other) => sameRoot(other, path, at))
          .map((other) => other.edgeKeys[at] ?? '');
        spurs.push({
          node: path.nodeKeys[at] ?? '',
          at,
          of: path,
          excludedNodes: path.nodeKeys.slice(0, at),
          excludedEdges,
          budget,
        });
      }
    }
    if (spurs.length > 0) {
      const { records } = await driver.executeQuery(
        detoursQuery(input.types, input.maxHops),
        {
          to: input.toKey,
          k: neo4j.int(input.k),
          spurs: spurs.map((spur, index) => ({
            index,
            node: spur.node,
            excludedNodes: spur.excludedNodes,
            excludedEdges: spur.excludedEdges,
            budget: spur.budget,
          })),
        },
        { routing: 'READ' },
      );
      for (const record of records) {
        const spur = spurs[Number(record.get('index'))];
        if (!spur) continue;
        const detour = record.get('detour') as FoundPath;
        const candidate: FoundPath = {
          nodeKeys: [...spur.of.nodeKeys.slice(0, spur.at), ...detour.nodeKeys],
          edgeKeys: [...spur.of.edgeKeys.slice(0, spur.at), ...detour.edgeKeys],
          nodes: [...spur.of.nodes.slice(0, spur.at), ...detour.nodes],
          edges: [...spur.of.edges.slice(0, spur.at), ...detour.edges],
        };
        const key = pathKey(candidate);
        if (!known.has(key)) candidates.set(key, candidate);
      }
    }
    const least = Math.min(...[...candidates.values()].map((path) => path.edgeKeys.length));
    fresh = [...candidates.entries()]
      .filter(([, path]) => path.edgeKeys.length === least)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, input.k - found.length)
      .map(([key, path]) => {
        candidates.delete(key);
        known.add(key);
        return path;
      });
    found.push(...fresh);
  }
  return found;
}
