import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import type { GraphPayloadT } from '../../../contract/graph.js';
import { seededRandom } from '../../../seed/src/random.js';

/**
 * Network metrics of a graph payload, for the analyst's "who is central, which groups form" view.
 *
 * The graph is read as undirected: a relationship's direction says who did what to whom, not which
 * way influence flows, so "how central" should not depend on it. Two entities joined by several
 * relationships of different types (a person MEMBER_OF and PUNISHED by the party) are one pair of
 * neighbours: degree counts distinct neighbours, shortest paths do not multiply through parallel
 * relationships, and PageRank and communities weigh the pair by how many relationships join it.
 * Self-loops say nothing about position in the network and are left out.
 */

export interface NodeMetrics {
  id: string;
  name: string;
  /** Distinct neighbours. */
  degree: number;
  /** Relationships to other entities, parallel ones counted each. */
  relationships: number;
  /** Share of shortest paths between other pairs that pass through the node, 0 to 1. */
  betweenness: number;
  /** Sums to 1 over the graph. */
  pagerank: number;
  /** 0 is the largest community, 1 the next, and so on. */
  community: number;
}

export interface NetworkMetrics {
  /** In the order of the payload's nodes. */
  nodes: NodeMetrics[];
  byId: ReadonlyMap<string, NodeMetrics>;
  communities: { count: number; modularity: number | null };
}

export interface MetricsOptions {
  /** Seed of Louvain's random order; the same graph and seed give the same communities. */
  seed?: number;
  /** Louvain resolution: above 1 finds more, smaller communities. */
  resolution?: number;
}

export type MetricKey = 'degree' | 'relationships' | 'betweenness' | 'pagerank';

interface PairAttributes {
  weight: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The payload as a simple undirected graph with one weighted edge per neighbouring pair. Nodes and
 * pairs are added in id order, so the result does not depend on the order the payload lists them.
 */
function simpleGraph(payload: GraphPayloadT): {
  graph: Graph<Record<string, never>, PairAttributes>;
  relationships: Map<string, number>;
} {
  const graph = new Graph<Record<string, never>, PairAttributes>({ type: 'undirected', multi: false });
  const relationships = new Map<string, number>();
  for (const id of payload.nodes.map((node) => node.id).sort(byText)) {
    if (!graph.hasNode(id)) graph.addNode(id);
    relationships.set(id, 0);
  }
  const edges = [...payload.edges].sort((a, b) => byText(a.id, b.id));
  for (const edge of edges) {
    const { source, target } = edge;
    // An edge whose end is not among the nodes cannot be placed; a self-loop has no position.
    if (source === target || !graph.hasNode(source) || !graph.hasNode(target)) continue;
    relationships.set(source, (relationships.get(source) ?? 0) + 1);
    relationships.set(target, (relationships.get(target) ?? 0) + 1);
    if (graph.hasEdge(source, target)) {
      graph.updateEdgeAttribute(source, target, 'weight', (weight) => (weight ?? 0) + 1);
    } else {
      graph.addEdge(source, target, { weight: 1 });
    }
  }
  return { graph, relationships };
}

/** Community numbers by size, largest first, ties by their smallest member id, so colours are stable. */
function renumber(assignment: Readonly<Record<string, number>>): Map<string, number> {
  const members = new Map<number, string[]>();
  for (const [id, community] of Object.entries(assignment)) {
    const list = members.get(community) ?? [];
    list.push(id);
    members.set(community, list);
  }
  const ordered = [...members.values()]
    .map((ids) => ids.sort(byText))
    .sort((a, b) => b.length - a.length || byText(a[0] ?? '', b[0] ?? ''));
  const result = new Map<string, number>();
  ordered.forEach((ids, index) => {
    for (const id of ids) result.set(id, index);
  });
  return result;
}

export function computeMetrics(payload: GraphPayloadT, options: MetricsOptions = {}): NetworkMetrics {
  const { graph, relationships } = simpleGraph(payload);
  const n = graph.order;
  const betweenness = n > 0 ? betweennessCentrality(graph, { normalized: true }) : {};
  const ranks =
    n > 0 ? pagerank(graph, { getEdgeWeight: 'weight', maxIterations: 1000, tolerance: 1e-10 }) : {};
  let modularity: number | null = null;
  let assignment: Record<string, number> = {};
  if (graph.size > 0) {
    const detailed = louvain.detailed(graph, {
      getEdgeWeight: 'weight',
      resolution: options.resolution ?? 1,
      rng: seededRandom(options.seed ?? 1),
    });
    assignment = detailed.communities;
    modularity = detailed.modularity;
  } else {
    // Without edges every entity is a community of its own (Louvain has nothing to optimise).
    graph.forEachNode((id) => {
      assignment[id] = Object.keys(assignment).length;
    });
  }
  const communities = renumber(assignment);

  const byId = new Map<string, NodeMetrics>();
  const nodes: NodeMetrics[] = [];
  for (const node of payload.nodes) {
    if (byId.has(node.id)) continue;
    const metrics: NodeMetrics = {
      id: node.id,
      name: node.name,
      degree: graph.degree(node.id),
      relationships: relationships.get(node.id) ?? 0,
      // Betweenness is 0 by definition in graphs of two nodes or fewer, where graphology leaves it unscaled.
      betweenness: n <= 2 ? 0 : (betweenness[node.id] ?? 0),
      pagerank: ranks[node.id] ?? 0,
      community: communities.get(node.id) ?? 0,
    };
    byId.set(node.id, metrics);
    nodes.push(metrics);
  }
  return { nodes, byId, communities: { count: new Set(communities.values()).size, modularity } };
}

export interface RankedRow {
  /** 1-based; equal values share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
  id: string;
  name: string;
  value: number;
  metrics: NodeMetrics;
}

/**
 * The nodes ranked by one metric, highest first; equal values are listed by name, then id, so the
 * table does not reorder between runs.
 */
export function rankBy(
  metrics: NetworkMetrics,
  key: MetricKey,
  options: { limit?: number } = {},
): RankedRow[] {
  const sorted = [...metrics.nodes].sort(
    (a, b) =>
      (nearlyEqual(a[key], b[key]) ? 0 : b[key] - a[key]) ||
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
      byText(a.id, b.id),
  );
  const rows: RankedRow[] = [];
  sorted.forEach((node, index) => {
    const previous = rows[index - 1];
    const rank = previous && nearlyEqual(previous.value, node[key]) ? previous.rank : index + 1;
    rows.push({ rank, id: node.id, name: node.name, value: node[key], metrics: node });
  });
  return options.limit === undefined ? rows : rows.slice(0, Math.max(0, options.limit));
}

/** PageRank and betweenness come out of floating-point sums; values that differ by rounding tie. */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
