// Paths through who says what (`/api/paths?via=asserters`): a researcher asking how Chen Quanguo and
// James Leibold are connected gets "no connection" over links alone, but Leibold asserts a claim on
// a link of Chen's; with asserters allowed the path steps to him ("Leibold says"). Checked against
// an oracle: a breadth-first search over the whole graph payload, with says-steps built from each
// link's asserters, must find the same shortest length for every pair tried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphPayloadT } from '../../contract/graph.js';
import { pathsRoute, type PathsResponseT } from '../../contract/paths.js';
import { graphRoute } from '../../contract/subgraph.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';

let app: RunningServer;
let graph: GraphPayloadT;

async function paths(query: string): Promise<PathsResponseT> {
  const { status, body } = await getJson<PathsResponseT>(`${app.url}/api/paths?${query}`);
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  expectConforms(pathsRoute, status, body);
  return body;
}

/** Shortest hop count over links and says-steps, or null beyond maxHops: the oracle. */
function oracleDistance(from: string, to: string, maxHops: number): number | null {
  const adjacency = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    if (a === b) return;
    adjacency.set(a, (adjacency.get(a) ?? new Set()).add(b));
    adjacency.set(b, (adjacency.get(b) ?? new Set()).add(a));
  };
  for (const edge of graph.edges) {
    add(edge.source, edge.target);
    for (const asserter of edge.attribution.asserters) {
      if (asserter.id === edge.source || asserter.id === edge.target) continue;
      add(edge.source, asserter.id);
      add(edge.target, asserter.id);
    }
  }
  const dist = new Map([[from, 0]]);
  let frontier = [from];
  for (let d = 1; d <= maxHops && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier)
      for (const neighbour of adjacency.get(node) ?? [])
        if (!dist.has(neighbour)) {
          dist.set(neighbour, d);
          next.push(neighbour);
        }
    frontier = next;
  }
  return dist.get(to) ?? null;
}

/** Every hop is what it says: a link between its two nodes, or a says-step to one of the link's asserters. */
function expectHopsHold(response: PathsResponseT): void {
  const edges = new Map(response.edges.map((e) => [e.id, e]));
  for (const path of response.paths) {
    expect(new Set(path.nodes).size, 'a path visits no entity twice').toBe(path.nodes.length);
    expect(path.hops).toHaveLength(path.edges.length);
    path.edges.forEach((edgeId, i) => {
      const edge = edges.get(edgeId);
      const [a, b] = [path.nodes[i], path.nodes[i + 1]];
      expect(edge, edgeId).toBeDefined();
      if (!edge || !a || !b) return;
      const ends = [edge.source, edge.target];
      if (path.hops?.[i] === 'link') {
        expect([a, b].sort()).toEqual([...ends].sort());
      } else {
        const asserters = edge.attribution.asserters.map((x) => x.id);
        const [end, asserter] = ends.includes(a) ? [a, b] : [b, a];
        expect(ends, `${edgeId}: an end of the link`).toContain(end);
        expect(asserters, `${edgeId}: who asserts a claim on it`).toContain(asserter);
        expect(ends).not.toContain(asserter);
      }
    });
  }
  const lengths = response.paths.map((p) => p.length);
  expect(lengths).toEqual([...lengths].sort((x, y) => x - y));
}

beforeAll(async () => {
  app = await startTestApp();
  graph = (await getJson<GraphPayloadT>(`${app.url}/api/graph`)).body;
  expectConforms(graphRoute, 200, graph);
});

afterAll(async () => {
  await app.close();
});

describe('paths through asserters, when the user asks for them', () => {
  it('finds no connection over links alone, as before', async () => {
    const body = await paths('from=chen-quanguo&to=james-leibold');
    expect(body.paths).toEqual([]);
    expect(oracleDistance('chen-quanguo', 'james-leibold', 6)).not.toBeNull();
  });

  it('steps from Chen Quanguo to James Leibold, who asserts a claim on one of his links', async () => {
    const body = await paths('from=chen-quanguo&to=james-leibold&via=asserters&k=3');
    expectHopsHold(body);
    expect(body.paths.length).toBe(3);
    const first = body.paths[0];
    expect(first?.nodes).toEqual(['chen-quanguo', 'james-leibold']);
    expect(first?.hops).toEqual(['says']);
    const edge = body.edges.find((e) => e.id === first?.edges[0]);
    expect(edge?.attribution.asserters.map((a) => a.name)).toContain('James Leibold');
    expect([edge?.source, edge?.target]).toContain('chen-quanguo');
  });

  it('finds the shortest length the oracle finds, for pairs near and far', async () => {
    const ids = graph.nodes.map((n) => n.id).sort();
    // A spread of pairs: every 7th entity against every 11th, both directions of the list.
    const pairs: [string, string][] = [];
    for (let i = 0; i < ids.length; i += 7)
      for (let j = ids.length - 1; j >= 0; j -= 11) {
        const [a, b] = [ids[i], ids[j]];
        if (a && b && a !== b) pairs.push([a, b]);
      }
    expect(pairs.length).toBeGreaterThan(20);
    for (const [from, to] of pairs) {
      const body = await paths(`from=${from}&to=${to}&via=asserters&maxHops=4&k=2`);
      expectHopsHold(body);
      expect(body.paths[0]?.length ?? null, `${from} → ${to}`).toBe(oracleDistance(from, to, 4));
      expect(body.paths.every((p) => p.length <= 4)).toBe(true);
      // Allowing asserters never makes the shortest path longer than links alone.
      const links = await paths(`from=${from}&to=${to}&maxHops=4&k=1`);
      if (links.paths[0]) expect(body.paths[0]?.length).toBeLessThanOrEqual(links.paths[0].length);
    }
  });

  it('refuses a way of walking it does not know, naming the parameter', async () => {
    const { status, body } = await getJson<{ error: { code: string; message: string } }>(
      `${app.url}/api/paths?from=chen-quanguo&to=james-leibold&via=rumours`,
    );
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/via/);
  });

  it('answers 404 for an unknown entity with asserters allowed too', async () => {
    const { status } = await getJson(`${app.url}/api/paths?from=chen-quanguo&to=nobody-at-all&via=asserters`);
    expect(status).toBe(404);
  });
});
