import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { seededRandom } from './seeded.js';

/**
 * Communities of a large graph (Louvain, seeded: the same graph is grouped the same way each time),
 * for grouping a graph too large to draw whole (groups.ts). Run in the layout worker: at 33k
 * entities and 67k links it takes about a second, which the page's thread must not spend.
 *
 * `edges` holds pairs of node indices (source, target) into 0..count-1. The answer gives each node
 * its community, numbered from 0 for the largest (ties: the one whose first node comes first).
 * Links are read as undirected and parallel links as one of more weight; self-loops say nothing.
 */
export function findCommunities(count: number, edges: Int32Array, seed: number): Int32Array {
  const graph = new Graph<Record<string, never>, { weight: number }>({ type: 'undirected', multi: false });
  for (let i = 0; i < count; i += 1) graph.addNode(String(i));
  for (let k = 0; k + 1 < edges.length; k += 2) {
    const a = String(edges[k]);
    const b = String(edges[k + 1]);
    if (a === b || !graph.hasNode(a) || !graph.hasNode(b)) continue;
    if (graph.hasEdge(a, b)) graph.updateEdgeAttribute(a, b, 'weight', (w) => (w ?? 0) + 1);
    else graph.addEdge(a, b, { weight: 1 });
  }
  const found = graph.size > 0 ? louvain(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed) }) : {};
  const raw = new Int32Array(count);
  const sizes = new Map<number, { size: number; first: number }>();
  for (let i = 0; i < count; i += 1) {
    // A node with no links is a community of its own.
    const c = found[String(i)] ?? -1 - i;
    raw[i] = c;
    const entry = sizes.get(c);
    if (entry) entry.size += 1;
    else sizes.set(c, { size: 1, first: i });
  }
  const order = [...sizes.entries()].sort((a, b) => b[1].size - a[1].size || a[1].first - b[1].first);
  const rank = new Map(order.map(([c], i) => [c, i]));
  const out = new Int32Array(count);
  for (let i = 0; i < count; i += 1) out[i] = rank.get(raw[i] ?? 0) ?? 0;
  return out;
}
