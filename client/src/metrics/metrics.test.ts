import { describe, expect, it } from 'vitest';
import type { GraphEdgeT, GraphNodeT, GraphPayloadT } from '../../../contract/graph.js';
import { edgeFixture, nodeFixture } from '../../../contract/fixtures.js';
import { seededRandom } from '../../../seed/src/random.js';
import { computeMetrics, rankBy } from './metrics.js';

function node(id: string): GraphNodeT {
  return nodeFixture(id, { name: id.toUpperCase() });
}

let edgeCount = 0;
function edge(source: string, target: string, type = 'LINKED_TO'): GraphEdgeT {
  edgeCount += 1;
  return edgeFixture(`${source}-${type.toLowerCase()}-${target}-${edgeCount}`, source, target, { type });
}

function payload(ids: string[], pairs: [string, string][]): GraphPayloadT {
  return { nodes: ids.map(node), edges: pairs.map(([a, b]) => edge(a, b)) };
}

const star = payload(
  ['c', 'l1', 'l2', 'l3', 'l4', 'l5'],
  [
    ['c', 'l1'],
    ['l2', 'c'],
    ['c', 'l3'],
    ['l4', 'c'],
    ['c', 'l5'],
  ],
);

/** Two 4-cliques {a1..a4} and {b1..b4} joined by the single bridge a1–b1. */
function clique(prefix: string): [string, string][] {
  const ids = [1, 2, 3, 4].map((i) => `${prefix}${i}`);
  return ids.flatMap((a, i) => ids.slice(i + 1).map((b): [string, string] => [a, b]));
}
const barbell = payload(
  ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4'],
  [...clique('a'), ...clique('b'), ['a1', 'b1']],
);

describe('computeMetrics', () => {
  it('puts the centre of a star first by degree, betweenness and PageRank', () => {
    const metrics = computeMetrics(star);
    const centre = metrics.byId.get('c')!;
    expect(centre.degree).toBe(5);
    // Every shortest path between two leaves runs through the centre: normalised betweenness 1.
    expect(centre.betweenness).toBeCloseTo(1, 10);
    for (const leaf of ['l1', 'l2', 'l3', 'l4', 'l5']) {
      const m = metrics.byId.get(leaf)!;
      expect(m.degree).toBe(1);
      expect(m.betweenness).toBe(0);
      expect(m.pagerank).toBeLessThan(centre.pagerank);
    }
    const total = metrics.nodes.reduce((sum, m) => sum + m.pagerank, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(rankBy(metrics, 'betweenness')[0]!.id).toBe('c');
    expect(rankBy(metrics, 'pagerank')[0]!.id).toBe('c');
  });

  it('finds the two cliques of a barbell as two communities, and its bridge ends as the most between', () => {
    const metrics = computeMetrics(barbell);
    expect(metrics.communities.count).toBe(2);
    const community = (id: string) => metrics.byId.get(id)!.community;
    for (const id of ['a2', 'a3', 'a4']) expect(community(id)).toBe(community('a1'));
    for (const id of ['b2', 'b3', 'b4']) expect(community(id)).toBe(community('b1'));
    expect(community('a1')).not.toBe(community('b1'));
    expect(metrics.communities.modularity).toBeGreaterThan(0.3);

    const ranked = rankBy(metrics, 'betweenness');
    expect(
      ranked
        .slice(0, 2)
        .map((row) => row.id)
        .sort(),
    ).toEqual(['a1', 'b1']);
    expect(ranked[0]!.rank).toBe(1);
    expect(ranked[1]!.rank).toBe(1);
    // Each bridge end carries the 16 cross pairs (4×4) less its own 4 as an endpoint, plus nothing
    // inside its clique: (12 pairs) / C(7, 2) = 12 / 21.
    expect(metrics.byId.get('a1')!.betweenness).toBeCloseTo(12 / 21, 10);
    expect(metrics.byId.get('a2')!.betweenness).toBe(0);
  });

  it('counts parallel relationships of different types once for degree and paths', () => {
    const base = payload(
      ['p', 'q', 'r'],
      [
        ['p', 'q'],
        ['q', 'r'],
      ],
    );
    const withParallel: GraphPayloadT = {
      nodes: base.nodes,
      edges: [...base.edges, edge('q', 'p', 'PUNISHED'), edge('p', 'q', 'DISOBEYED'), edge('p', 'p', 'SELF')],
    };
    const plain = computeMetrics(base);
    const multi = computeMetrics(withParallel);
    expect(multi.byId.get('p')!.degree).toBe(1);
    expect(multi.byId.get('p')!.relationships).toBe(3);
    expect(multi.byId.get('q')!.degree).toBe(2);
    expect(multi.byId.get('q')!.relationships).toBe(4);
    expect(multi.byId.get('q')!.betweenness).toBeCloseTo(plain.byId.get('q')!.betweenness, 10);
    expect(multi.byId.get('q')!.betweenness).toBeCloseTo(1, 10);
  });

  it('gives the same communities whatever order the payload lists nodes and edges in', () => {
    const reversed: GraphPayloadT = {
      nodes: [...barbell.nodes].reverse(),
      edges: [...barbell.edges].reverse(),
    };
    const first = computeMetrics(barbell, { seed: 7 });
    const second = computeMetrics(reversed, { seed: 7 });
    for (const m of first.nodes) expect(second.byId.get(m.id)!.community).toBe(m.community);
    // Community 0 is the largest; here both have four members, so it is the one holding a1.
    expect(first.byId.get('a1')!.community).toBe(0);
  });

  it('handles an empty graph, isolated nodes and edges to nodes that are not in the payload', () => {
    expect(computeMetrics({ nodes: [], edges: [] })).toMatchObject({ nodes: [], communities: { count: 0 } });
    const lonely = computeMetrics({ nodes: [node('x'), node('y')], edges: [edge('x', 'ghost')] });
    expect(lonely.nodes.map((m) => [m.id, m.degree, m.betweenness])).toEqual([
      ['x', 0, 0],
      ['y', 0, 0],
    ]);
    expect(lonely.communities.count).toBe(2);
    expect(lonely.communities.modularity).toBeNull();
    expect(lonely.nodes[0]!.pagerank).toBeCloseTo(0.5, 6);
  });
});

describe('rankBy', () => {
  it('ranks highest first, shares ranks on ties, orders ties by name and honours the limit', () => {
    const metrics = computeMetrics(star);
    const rows = rankBy(metrics, 'degree');
    expect(rows.map((row) => [row.rank, row.id, row.value])).toEqual([
      [1, 'c', 5],
      [2, 'l1', 1],
      [2, 'l2', 1],
      [2, 'l3', 1],
      [2, 'l4', 1],
      [2, 'l5', 1],
    ]);
    expect(rankBy(metrics, 'degree', { limit: 2 }).map((row) => row.id)).toEqual(['c', 'l1']);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays within [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(values[0]);
  });
});
