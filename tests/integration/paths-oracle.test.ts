// Paths 2..k, not only the first: each answer of /api/paths checked against every simple path of
// the dataset, enumerated by a plain depth-first search (tests/support/article.ts), not by Neo4j.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathsResponseT } from '../../contract/paths.js';
import type { CompiledDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { allSimplePaths, compareLists, readArticle } from '../support/article.js';

describe('GET /api/paths against an independent oracle', () => {
  let app: RunningServer;
  let dataset: CompiledDataset;
  beforeAll(async () => {
    app = await startTestApp();
    dataset = await readArticle();
  });
  afterAll(() => app?.close(1_000));

  const key = (p: { nodes: readonly string[]; edges: readonly string[] }) =>
    `${p.nodes.join('>')}|${p.edges.join('>')}`;

  /** Pairs among the best-connected entities with at least `atLeast` paths, so that 2..k exist. */
  function pairs(maxHops: number, atLeast: number, count: number): [string, string][] {
    const degree = new Map<string, number>();
    for (const r of dataset.data.relationships)
      for (const id of [r.from, r.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const hubs = [...degree.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([id]) => id);
    const chosen: [string, string][] = [];
    for (const from of hubs)
      for (const to of hubs)
        if (
          from < to &&
          chosen.length < count &&
          allSimplePaths(dataset, from, to, maxHops).length >= atLeast
        )
          chosen.push([from, to]);
    return chosen;
  }

  it('returns the k shortest simple paths, each real, none twice, in length then id order', async () => {
    const maxHops = 4;
    const chosen = pairs(maxHops, 4, 8);
    expect(chosen.length, 'pairs of the article with several paths').toBeGreaterThan(3);
    let checked = 0;
    for (const [from, to] of chosen) {
      const oracle = allSimplePaths(dataset, from, to, maxHops);
      const real = new Set(oracle.map(key));
      const lengths = oracle.map((p) => p.edges.length).sort((a, b) => a - b);
      for (const k of [3, 10]) {
        const response = await fetch(`${app.url}/api/paths?from=${from}&to=${to}&maxHops=${maxHops}&k=${k}`);
        expect(response.status).toBe(200);
        const { paths } = (await response.json()) as PathsResponseT;
        const what = `${from} → ${to}, k=${k}`;
        expect(paths.length, what).toBe(Math.min(k, oracle.length));
        for (const p of paths) {
          expect(p.length, what).toBe(p.edges.length);
          expect(real.has(key(p)), `${what}: ${key(p)} is not a simple path of the dataset`).toBe(true);
        }
        expect(new Set(paths.map(key)).size, `${what}: a path twice`).toBe(paths.length);
        // The k shortest: the same lengths as the oracle's k shortest (which of equal length is free).
        expect(
          paths.map((p) => p.length),
          what,
        ).toEqual(lengths.slice(0, k));
        // The order the API promises: by length, then by the nodes' ids, then by the links' ids.
        const sorted = [...paths].sort(
          (a, b) => a.length - b.length || compareLists(a.nodes, b.nodes) || compareLists(a.edges, b.edges),
        );
        expect(paths.map(key), what).toEqual(sorted.map(key));
        checked += paths.length;
      }
    }
    console.log(`paths oracle: ${chosen.length} pairs, ${checked} paths checked`);
  }, 120_000);
});
