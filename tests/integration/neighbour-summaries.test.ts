// Neighbourhoods send links as summaries (no quotes: a two-hop neighbourhood holds thousands of
// links among hubs, and their quotes were most of its bytes and time); the quotes of each link come
// from GET /api/entities/:id/links/:linkId, which the page asks for when a person opens the link. Search asks for
// exact words and prefixes first and for typo matches only when those find no name that begins with
// what was typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityResponseT, NeighborsResponseT } from '../../contract/entities.js';
import type { GraphEdgeT } from '../../contract/graph.js';
import { entityRoute, linkRoute, neighborsRoute } from '../../contract/entities.js';
import type { RouteSpec } from '../../contract/route.js';
import { searchRoute, type SearchResponseT } from '../../contract/search.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';

let app: RunningServer;

async function call<T>(spec: RouteSpec, path: string): Promise<T> {
  const { status, body } = await getJson<T>(`${app.url}/api${path}`);
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  expectConforms(spec, status, body);
  return body;
}

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close(1_000));

describe('neighbourhood links are summaries; quotes come with the entity', () => {
  it('keeps each link’s support counts and attribution, and the entity has its quotes', async () => {
    const hood = await call<NeighborsResponseT>(neighborsRoute, '/entities/chen-quanguo/neighbors?depth=1');
    expect(hood.edges.length).toBeGreaterThan(0);
    const entity = await call<EntityResponseT>(entityRoute, '/entities/chen-quanguo');
    const full = new Map(entity.relationships.map((edge) => [edge.id, edge]));
    for (const edge of hood.edges) expect(edge.evidence, edge.id).toEqual([]);
    // The neighbourhood also holds links among the neighbours; the entity holds its own links.
    const own = hood.edges.filter((e) => e.source === 'chen-quanguo' || e.target === 'chen-quanguo');
    expect(own.length).toBeGreaterThan(0);
    for (const edge of own) {
      const listed = full.get(edge.id);
      expect(listed, edge.id).toBeDefined();
      if (!listed) continue;
      // The entity quotes its first links; the others' claims are what opening the link asks for.
      const same =
        listed.evidence.length > 0
          ? listed
          : await call<GraphEdgeT>(linkRoute, `/entities/chen-quanguo/links/${edge.id}`);
      expect(same.evidence.length, edge.id).toBeGreaterThan(0);
      const { evidence: _quotes, ...summary } = same;
      expect({ ...edge, evidence: undefined }, edge.id).toEqual({ ...summary, evidence: undefined });
    }
  });
});

describe('search: exact and prefix before typo matches', () => {
  it('answers a name typed right with the names that begin with it, and a typo with near names', async () => {
    const right = await call<SearchResponseT>(searchRoute, '/search?q=leibold');
    expect(right.results[0]?.id).toBe('james-leibold');
    const typo = await call<SearchResponseT>(searchRoute, '/search?q=leiboldd');
    expect(typo.results.map((r) => r.id)).toContain('james-leibold');
  });
});
