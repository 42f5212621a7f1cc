// An entity sends the claims of its first links and summaries of the rest (a hub has thousands);
// the page asks for one link's claims when a person opens it. What a reader relies on: every link
// of an entity can be opened, and every quote it shows is verbatim in its source, names that source
// by title and names who asserts it; a link that is not the entity's, or an id that is not an id,
// is a clear 404 or 400.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTED_LINKS, entityRoute, linkRoute, type EntityResponseT } from '../../contract/entities.js';
import type { GraphEdgeT } from '../../contract/graph.js';
import type { RouteSpec } from '../../contract/route.js';
import { sourceRoute, type SourceResponseT } from '../../contract/sources.js';
import { loadDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';

const fixture = fileURLToPath(new URL('../../seed/fixtures/contested-source.yaml', import.meta.url));
let app: RunningServer;

interface ErrorResponse {
  error: { code: string; message: string; field?: string };
}

async function call<T>(spec: RouteSpec, path: string, status = 200): Promise<T> {
  const response = await getJson<T>(`${app.url}/api${path}`);
  expect(response.status, `${path}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(status);
  expectConforms(spec, response.status, response.body);
  return response.body;
}

const texts = new Map<string, string>();
async function sourceText(id: string): Promise<string> {
  let text = texts.get(id);
  if (text === undefined) {
    text = (await call<SourceResponseT>(sourceRoute, `/sources/${id}`)).source.text;
    texts.set(id, text);
  }
  return text;
}

beforeAll(async () => {
  await resetToArticle(getDriver());
  await loadDataset(getDriver(), fixture);
  app = await startTestApp();
});

afterAll(async () => {
  await app.close(1_000);
  await resetToArticle(getDriver());
});

describe('an entity’s links, quoted first, the rest opened one by one', () => {
  it('quotes the first links and sends the others as summaries that still count their support', async () => {
    const chen = await call<EntityResponseT>(entityRoute, '/entities/chen-quanguo');
    expect(chen.relationships.length).toBeGreaterThan(QUOTED_LINKS);
    chen.relationships.forEach((edge, i) => {
      if (i < QUOTED_LINKS) expect(edge.evidence.length, edge.id).toBeGreaterThan(0);
      else expect(edge.evidence, edge.id).toEqual([]);
      expect(edge.sourceCount, edge.id).toBeGreaterThan(0);
    });
  });

  it('opens every link of an entity with quotes verbatim in their sources, each naming source and asserter', async () => {
    const chen = await call<EntityResponseT>(entityRoute, '/entities/chen-quanguo');
    for (const listed of chen.relationships) {
      const link = await call<GraphEdgeT>(linkRoute, `/entities/chen-quanguo/links/${listed.id}`);
      // The same link as the summary says, now with its claims.
      expect({ ...link, evidence: [] }, listed.id).toEqual({ ...listed, evidence: [] });
      expect(link.evidence.length, listed.id).toBeGreaterThan(0);
      if (listed.evidence.length > 0) expect(link.evidence).toEqual(listed.evidence);
      expect(new Set(link.evidence.map((e) => e.sourceId)).size).toBe(link.sourceCount);
      for (const claim of link.evidence) {
        expect((await sourceText(claim.sourceId)).slice(claim.start, claim.end), listed.id).toBe(claim.quote);
        // A title, not the id standing in for a source that was not found.
        expect(claim.source?.title, listed.id).not.toBe(claim.sourceId);
        for (const asserter of claim.asserters ?? []) expect(asserter.name).not.toBe(asserter.id);
      }
    }
  });

  it('names each claim’s source and asserter on a link two sources support', async () => {
    const link = await call<GraphEdgeT>(
      linkRoute,
      '/entities/wang-yongzhi/links/wang-yongzhi-carried-out-wang-yongzhi-release',
    );
    expect(link.evidence.map((e) => [e.source, e.asserters, e.stance])).toEqual([
      [
        { title: 'A Second Look at the Leaked Papers', publisher: 'Trove test fixture', date: '2019-11-18' },
        [],
        'reported',
      ],
      [
        { title: 'No Mercy in Xinjiang', publisher: 'Unknown (blog repost)', date: null },
        [{ id: expect.any(String) as string, name: 'Leaked confession of Wang Yongzhi' }],
        'reported',
      ],
    ]);
    // Either end answers for the link.
    const fromOtherEnd = await call<GraphEdgeT>(
      linkRoute,
      `/entities/${link.target === 'wang-yongzhi' ? link.source : link.target}/links/${link.id}`,
    );
    expect(fromOtherEnd).toEqual(link);
  });

  it('answers 404 for a link the entity does not have and for an unknown entity', async () => {
    const unknown = await call<ErrorResponse>(linkRoute, '/entities/chen-quanguo/links/no-such-link', 404);
    expect(unknown.error.code).toBe('NOT_FOUND');
    expect(unknown.error.message).toContain('no-such-link');
    // A real link, but of two other entities.
    const elsewhere = await call<ErrorResponse>(
      linkRoute,
      '/entities/tibet/links/wang-yongzhi-carried-out-wang-yongzhi-release',
      404,
    );
    expect(elsewhere.error.message).toContain('tibet');
    const noEntity = await call<ErrorResponse>(linkRoute, '/entities/no-such-entity/links/anything', 404);
    expect(noEntity.error.message).toContain('no-such-entity');
  });

  it('answers 400 naming the field for a malformed entity or link id', async () => {
    const badLink = await call<ErrorResponse>(linkRoute, '/entities/chen-quanguo/links/Not_A_Link', 400);
    expect(badLink.error.field).toBe('linkId');
    const badEntity = await call<ErrorResponse>(linkRoute, '/entities/Not_An_Id/links/some-link', 400);
    expect(badEntity.error.field).toBe('id');
  });
});
