import type { Driver } from 'neo4j-driver';
import type { GraphEdgeT, GraphNodeT } from '../../../contract/graph.js';
import type { PathsResponseT } from '../../../contract/paths.js';
import { LABEL, REL, STATEMENT_TYPES, type PathHop } from '../../../model/index.js';
import { invalid } from '../errors.js';
import {
  asserterIdsExpression,
  edgeFromProjection,
  edgeProjection,
  nodeProjection,
  toGraphNode,
  type NodeLike,
} from '../graph/payload.js';

/**
 * Paths that may go through who says what (`via=asserters`): besides walking a link, a path may
 * step from an end of a link to an entity that asserts a claim on it, or back ("Chen Quanguo — James
 * Leibold says —"). Those steps are not relationships in the store, so Cypher's SHORTEST cannot
 * walk them: the search is breadth-first here, one query per level, over links and those steps.
 *
 * It stays exact: paths of length L are enumerated once levels 0..L-1 are expanded, because every
 * inner node of such a path is at most L-1 steps from the start. Cost grows with what it reaches, so
 * it stops with a 400 past MAX_REACHED entities instead of eating the server; the default (links
 * only) is untouched and keeps its single SHORTEST query.
 */
export const MAX_REACHED = 20_000;
/** Paths of one length enumerated before they are ordered; more would only cost time. */
const MAX_PATHS_PER_LENGTH = 2_000;

interface Hop {
  to: string;
  rel: string;
  elementId: string;
  kind: PathHop;
}

interface FoundPath {
  nodes: string[];
  hops: Hop[];
}

/** Every says-step, both ways: each end of a link to each asserter of its claims that is not an end. */
const SAYS_STEPS = `
MATCH (x:${LABEL.entity})-[r:${STATEMENT_TYPES}]->(z:${LABEL.entity})
WHERE r.${REL.assertedBy} IS NOT NULL
UNWIND ${asserterIdsExpression('r')} AS asserterId
WITH x, z, r, asserterId WHERE asserterId <> x.id AND asserterId <> z.id
MATCH (y:${LABEL.entity} {id: asserterId})
RETURN x.id AS x, z.id AS z, y.id AS y, r.${REL.id} AS rel, elementId(r) AS elementId`;

const LINKS_OF = `
UNWIND $ids AS id
MATCH (x:${LABEL.entity} {id: id})-[r:${STATEMENT_TYPES}]-(y:${LABEL.entity})
WHERE x <> y
RETURN x.id AS x, y.id AS y, r.${REL.id} AS rel, elementId(r) AS elementId`;

async function saysSteps(driver: Driver): Promise<Map<string, Hop[]>> {
  const { records } = await driver.executeQuery(SAYS_STEPS, {}, { routing: 'READ' });
  const steps = new Map<string, Hop[]>();
  const add = (from: string, hop: Hop) => steps.set(from, [...(steps.get(from) ?? []), hop]);
  for (const record of records) {
    const [x, z, y, rel, elementId] = ['x', 'z', 'y', 'rel', 'elementId'].map(
      (key) => record.get(key) as string,
    ) as [string, string, string, string, string];
    for (const end of [x, z]) {
      add(end, { to: y, rel, elementId, kind: 'says' });
      add(y, { to: end, rel, elementId, kind: 'says' });
    }
  }
  return steps;
}

/** Simple paths of exactly `length` hops from `from` to `to` over the expanded adjacency. */
function enumerate(adjacency: Map<string, Hop[]>, from: string, to: string, length: number): FoundPath[] {
  // Hops left to `to`, over the reversed adjacency: prunes every branch that cannot arrive in time.
  const distTo = new Map<string, number>([[to, 0]]);
  const reverse = new Map<string, string[]>();
  for (const [node, hops] of adjacency)
    for (const hop of hops) reverse.set(hop.to, [...(reverse.get(hop.to) ?? []), node]);
  let frontier = [to];
  for (let d = 1; d <= length && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier)
      for (const previous of reverse.get(node) ?? [])
        if (!distTo.has(previous)) {
          distTo.set(previous, d);
          next.push(previous);
        }
    frontier = next;
  }
  const found: FoundPath[] = [];
  const nodes = [from];
  const hops: Hop[] = [];
  const visit = (node: string): void => {
    if (found.length >= MAX_PATHS_PER_LENGTH) return;
    if (hops.length === length) {
      if (node === to) found.push({ nodes: [...nodes], hops: [...hops] });
      return;
    }
    for (const hop of adjacency.get(node) ?? []) {
      if (nodes.includes(hop.to)) continue;
      if ((distTo.get(hop.to) ?? Infinity) > length - hops.length - 1) continue;
      nodes.push(hop.to);
      hops.push(hop);
      visit(hop.to);
      nodes.pop();
      hops.pop();
    }
  };
  visit(from);
  return found;
}

const order = (a: FoundPath, b: FoundPath): number =>
  a.nodes.join('\u0000').localeCompare(b.nodes.join('\u0000')) ||
  a.hops
    .map((h) => `${h.rel}:${h.kind}`)
    .join('\u0000')
    .localeCompare(b.hops.map((h) => `${h.rel}:${h.kind}`).join('\u0000'));

/** The k shortest simple paths of at most maxHops hops over links and says-steps. */
export async function findPathsViaAsserters(
  driver: Driver,
  input: { from: string; to: string; maxHops: number; k: number },
): Promise<PathsResponseT> {
  const says = await saysSteps(driver);
  const adjacency = new Map<string, Hop[]>();
  const reached = new Set([input.from]);
  let frontier = [input.from];
  const paths: FoundPath[] = [];
  for (let length = 1; length <= input.maxHops && frontier.length > 0; length++) {
    // Expand the nodes `length - 1` steps out: then every path of `length` hops is known.
    const { records } = await driver.executeQuery(LINKS_OF, { ids: frontier }, { routing: 'READ' });
    for (const id of frontier) adjacency.set(id, [...(says.get(id) ?? [])]);
    for (const record of records) {
      const x = record.get('x') as string;
      adjacency.get(x)?.push({
        to: record.get('y') as string,
        rel: record.get('rel') as string,
        elementId: record.get('elementId') as string,
        kind: 'link',
      });
    }
    const next: string[] = [];
    for (const id of frontier)
      for (const hop of adjacency.get(id) ?? [])
        if (!reached.has(hop.to)) {
          reached.add(hop.to);
          next.push(hop.to);
        }
    if (reached.size > MAX_REACHED) {
      throw invalid(
        `via=asserters: the search reached more than ${MAX_REACHED} entities within ${length} steps; allow fewer steps (maxHops)`,
        'maxHops',
      );
    }
    frontier = next;
    const found = enumerate(adjacency, input.from, input.to, length).sort(order);
    paths.push(...found.slice(0, input.k - paths.length));
    if (paths.length >= input.k) break;
  }
  return payload(driver, paths);
}

async function payload(driver: Driver, paths: FoundPath[]): Promise<PathsResponseT> {
  const nodeIds = [...new Set(paths.flatMap((p) => p.nodes))];
  const elementIds = [...new Set(paths.flatMap((p) => p.hops.map((h) => h.elementId)))];
  const { records } = await driver.executeQuery(
    `CALL () { UNWIND $nodeIds AS id MATCH (n:${LABEL.entity} {id: id}) RETURN collect(${nodeProjection('n')}) AS nodes }
     CALL () { MATCH ()-[r]->() WHERE elementId(r) IN $elementIds RETURN collect(${edgeProjection('r')}) AS edges }
     RETURN nodes, edges`,
    { nodeIds, elementIds },
    { routing: 'READ' },
  );
  const record = records[0];
  const nodes: GraphNodeT[] = ((record?.get('nodes') ?? []) as NodeLike[]).map(toGraphNode);
  const edges: GraphEdgeT[] = ((record?.get('edges') ?? []) as unknown[]).map(edgeFromProjection);
  return {
    paths: paths.map((p) => ({
      nodes: p.nodes,
      edges: p.hops.map((h) => h.rel),
      length: p.hops.length,
      hops: p.hops.map((h) => h.kind),
    })),
    nodes,
    edges,
  };
}
