import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editEntityRoute } from '../../contract/entity-edit.js';
import { historyRoute, redoRoute, undoRoute } from '../../contract/history.js';
import type { EntityResponseT } from '../../contract/entities.js';
import type { HistoryResponseT } from '../../contract/history.js';
import {
  mergeRoute,
  notSameRoute,
  splitRoute,
  suggestionsRoute,
  type SuggestionsResponseT,
  type WriteResultT,
} from '../../contract/resolution.js';
import { defaultDatasetPath, loadDataset } from '../../seed/src/index.js';
import { linksAssertedBy } from '../../server/src/resolution/asserted.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';
import {
  allClaims,
  DUPLICATES_SOURCE,
  graphChecksum,
  writeDuplicatesDataset,
} from '../support/resolution.js';

const token = 'a-test-token-of-32-characters-xx';

function send<T = Record<string, unknown>>(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return getJson<T>(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('entity resolution and history', () => {
  let app: RunningServer;
  let dataset = '';
  const post = <T = WriteResultT>(path: string, body?: unknown) =>
    send<T>(`${app.url}/api${path}`, 'POST', body);
  const entity = async (id: string) => {
    const { status, body } = await getJson<EntityResponseT>(`${app.url}/api/entities/${id}`);
    expect(status).toBe(200);
    return body;
  };
  const suggestions = async (query = '') => {
    const { status, body } = await getJson<SuggestionsResponseT>(
      `${app.url}/api/resolution/suggestions${query}`,
    );
    expectConforms(suggestionsRoute, status, body);
    return body;
  };
  const pairs = (body: SuggestionsResponseT) =>
    body.suggestions.map((s) => [s.a.id, s.b.id].sort().join(' + '));

  /** Each test that writes starts from the article and the fixture, whatever the one before left. */
  const fresh = async () => {
    await resetToArticle();
    await loadDataset(getDriver(), dataset);
  };

  beforeAll(async () => {
    await resetToArticle();
    // No load shedding: on a busy test machine a shed request would fail a test about something else.
    app = await startTestApp({ OVERLOAD_MAX_IN_FLIGHT: '0' });
    dataset = await writeDuplicatesDataset(getDriver());
    await loadDataset(getDriver(), dataset);
  });
  afterAll(async () => {
    await app.close(1_000);
    await resetToArticle();
  });

  it('suggests the duplicates first, with their reasons and both sides’ quotes', async () => {
    const body = await suggestions('?limit=30');
    console.log(
      'suggestions on the article + fixture:\n' +
        body.suggestions
          .map((s) => `  ${s.score.toFixed(3)} ${s.a.name} / ${s.b.name}: ${s.reasons.join(', ')}`)
          .join('\n'),
    );
    const found = pairs(body);
    expect(found).toContain('mr-xi + xi-jinping');
    expect(found).toContain('uighurs + uyghurs');
    const xi = body.suggestions.find((s) => [s.a.id, s.b.id].includes('mr-xi'));
    // The article already lists "Mr. Xi" among Xi Jinping's aliases: the same name after folding.
    expect(xi?.score).toBeGreaterThanOrEqual(0.9);
    expect(xi?.reasons).toContain('same kind');
    // Both sides' quotes are verbatim sentences that hold the mention.
    for (const side of [xi!.a, xi!.b]) {
      expect(side.quotes.length).toBeGreaterThan(0);
      for (const q of side.quotes) {
        expect(q.quote.length).toBe(q.end - q.start);
        if (q.mentionStart !== null) expect(q.mentionStart).toBeGreaterThanOrEqual(q.start);
      }
    }
    // One source: every pair has a side that this source names.
    const scoped = await suggestions(`?source=${DUPLICATES_SOURCE}`);
    expect(pairs(scoped)).toContain('mr-xi + xi-jinping');
    for (const s of scoped.suggestions)
      expect(
        ['mr-xi', 'uyghurs', 'xi-2014-speech', 'internment-camps'].some((id) =>
          [s.a.id, s.b.id].includes(id),
        ),
      ).toBe(true);
    expect((await getJson(`${app.url}/api/resolution/suggestions?source=no-such-source`)).status).toBe(404);
  });

  it('finds the claims an entity asserts from the asserter indexes, not by reading every link', async () => {
    const session = getDriver().session();
    try {
      const { match, params } = await session.executeRead((tx) => linksAssertedBy(tx, 'james-leibold'));
      const operators = (plan: { operatorType: string; children: unknown[] }): string[] => [
        plan.operatorType,
        ...plan.children.flatMap((child) => operators(child as typeof plan)),
      ];
      const explained = await session.run(`EXPLAIN ${match} RETURN r.id`, params);
      const plan = explained.summary.plan as unknown as { operatorType: string; children: unknown[] };
      expect(operators(plan).join(' ')).not.toMatch(/AllRelationshipsScan/);
      const ids = async (query: string) =>
        (await session.run(`${query} RETURN r.id AS id`, params)).records
          .map((r) => r.get('id') as string)
          .sort();
      const found = await ids(match);
      expect(found.length).toBeGreaterThan(5);
      expect(found).toEqual(await ids('MATCH ()-[r]->() WHERE $asserter IN r.assertedBy'));
    } finally {
      await session.close();
    }
  });

  it('merges and splits back to the same graph, by content checksum', async () => {
    const before = await graphChecksum(getDriver());
    const claimsBefore = await allClaims(getDriver());
    const merged = await post('/resolution/merge', { survivor: 'xi-jinping', merged: 'mr-xi' });
    expectConforms(mergeRoute, merged.status, merged.body);
    expect(merged.status).toBe(200);
    expect((await post('/resolution/merge', { survivor: 'uighurs', merged: 'uyghurs' })).status).toBe(200);
    expect(await graphChecksum(getDriver())).not.toBe(before);
    expect(await allClaims(getDriver())).toEqual(claimsBefore);

    // The old id answers with the survivor, which has the alias, the mention and both claim lists.
    const xi = await entity('mr-xi');
    expect(xi.entity.id).toBe('xi-jinping');
    expect(xi.entity.aliases).toContain('Mr. Xi');
    expect(xi.mentions.some((m) => m.sourceId === DUPLICATES_SOURCE)).toBe(true);
    const speech = xi.relationships.find((r) => r.id === 'xi-jinping-gave-speech-xi-2014-speech');
    expect(speech?.evidence.map((e) => e.sourceId)).toContain(DUPLICATES_SOURCE);
    expect(xi.relationships.some((r) => r.id === 'mr-xi-gave-speech-xi-2014-speech')).toBe(false);
    const uighurs = await entity('uyghurs');
    expect(uighurs.entity.id).toBe('uighurs');
    // Mr. Xi's claim moved with the link and names the survivor of his own merge as its asserter.
    const held = uighurs.relationships.find(
      (r) => r.type === 'DETAINED_IN' && r.evidence.some((e) => e.sourceId === DUPLICATES_SOURCE),
    );
    expect(held?.id).toBe('uighurs-detained-in-internment-camps');
    expect(held?.evidence.some((e) => (e.asserters ?? []).some((a) => a.id === 'xi-jinping'))).toBe(true);
    expect((await getJson(`${app.url}/api/entities/mr-xi/neighbors`)).status).toBe(200);
    expect(pairs(await suggestions())).not.toContain('mr-xi + xi-jinping');

    const split = await post('/resolution/split', { merged: 'mr-xi' });
    expectConforms(splitRoute, split.status, split.body);
    expect(split.status).toBe(200);
    expect((await post('/resolution/split', { merged: 'uyghurs' })).status).toBe(200);
    expect(await graphChecksum(getDriver())).toBe(before);
    expect((await post('/resolution/split', { merged: 'uyghurs' })).status).toBe(409);
  });

  it('undoes and redoes merges and edits, and keeps later edits when splitting', async () => {
    await fresh();
    const before = await graphChecksum(getDriver());
    expect((await post('/resolution/merge', { survivor: 'xi-jinping', merged: 'mr-xi' })).status).toBe(200);
    const xi = await entity('xi-jinping');
    const edited = await send<EntityResponseT>(`${app.url}/api/entities/xi-jinping`, 'PATCH', {
      version: xi.version,
      description: 'Edited after the merge.',
      role: 'General Secretary',
    });
    expectConforms(editEntityRoute, edited.status, edited.body);
    expect(edited.body.entity.description).toBe('Edited after the merge.');
    expect(edited.body.fieldSources.description).toBe('edit:local');
    expect(edited.body.version).toBe(xi.version + 1);

    // A stale version is a 409 that says what changed.
    const stale = await send<{ error: { message: string } }>(`${app.url}/api/entities/xi-jinping`, 'PATCH', {
      version: xi.version,
      name: 'Xi',
    });
    expectConforms(editEntityRoute, stale.status, stale.body);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('Edited Xi Jinping: description, role');

    const history = await getJson<HistoryResponseT>(`${app.url}/api/history?entity=xi-jinping`);
    expectConforms(historyRoute, history.status, history.body);
    expect(history.body.changes.slice(0, 2).map((c) => c.op)).toEqual(['edit', 'merge']);
    expect(history.body.changes[0]?.author).toBe('local');
    expect(history.body.undo).toBe('Edited Xi Jinping: description, role');

    const undo1 = await post('/history/undo');
    expectConforms(undoRoute, undo1.status, undo1.body);
    expect((await entity('xi-jinping')).entity.description).not.toBe('Edited after the merge.');
    expect((await post('/history/undo')).status).toBe(200);
    expect(await graphChecksum(getDriver())).toBe(before);
    expect((await entity('mr-xi')).entity.id).toBe('mr-xi');

    // Redo the merge and the edit, then split: the edit made since the merge stays.
    const redo = await post('/history/redo');
    expectConforms(redoRoute, redo.status, redo.body);
    expect((await entity('mr-xi')).entity.id).toBe('xi-jinping');
    expect((await post('/history/redo')).status).toBe(200);
    expect((await post('/history/redo')).status).toBe(409);
    expect((await post('/resolution/split', { merged: 'mr-xi' })).status).toBe(200);
    expect((await entity('mr-xi')).entity.description).toBe('The speaker, as this note names him.');
    const kept = await entity('xi-jinping');
    expect(kept.entity.description).toBe('Edited after the merge.');
    expect(kept.entity.properties.role).toBe('General Secretary');
    expect(kept.entity.aliases).not.toContain('Mr. Xi');
    // Undo the split (merges again) and the edit; split again: back to the start.
    expect((await post('/history/undo')).status).toBe(200);
    expect((await entity('mr-xi')).entity.id).toBe('xi-jinping');
    expect((await post('/history/undo')).status).toBe(200);
    expect((await entity('xi-jinping')).entity.description).not.toBe('Edited after the merge.');
    expect((await post('/resolution/split', { merged: 'mr-xi' })).status).toBe(200);
    expect(await graphChecksum(getDriver())).toBe(before);
  });

  it('records "not the same" so the pair is not suggested again, undoably', async () => {
    await fresh();
    const marked = await post('/resolution/not-same', { a: 'uyghurs', b: 'uighurs' });
    expectConforms(notSameRoute, marked.status, marked.body);
    expect(pairs(await suggestions('?limit=50'))).not.toContain('uighurs + uyghurs');
    expect((await post('/history/undo')).status).toBe(200);
    expect(pairs(await suggestions('?limit=50'))).toContain('uighurs + uyghurs');
  });

  it('never loses a claim when merges race each other or an import', async () => {
    await fresh();
    const claimsBefore = await allClaims(getDriver());
    const results = await Promise.all([
      post('/resolution/merge', { survivor: 'xi-jinping', merged: 'mr-xi' }),
      post('/resolution/merge', { survivor: 'chen-quanguo', merged: 'mr-xi' }),
      post('/resolution/merge', { survivor: 'uighurs', merged: 'uyghurs' }),
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length, JSON.stringify(results)).toBe(2);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(await allClaims(getDriver())).toEqual(claimsBefore);

    // An import racing a merge onto the same relationship (both add claims to Xi's 2014 speech).
    const survivor = statuses[0] === 200 ? 'xi-jinping' : 'chen-quanguo';
    const split = await post('/resolution/split', { merged: 'mr-xi' });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    const second = defaultDatasetPath.replace(/data\/[^/]+$/, 'fixtures/second-source.yaml');
    const [merge] = await Promise.all([
      post('/resolution/merge', { survivor: 'xi-jinping', merged: 'mr-xi' }),
      loadDataset(getDriver(), second),
    ]);
    expect(merge.status, JSON.stringify(merge.body)).toBe(200);
    expect(survivor).toMatch(/xi-jinping|chen-quanguo/);
    const after = await allClaims(getDriver());
    for (const claim of claimsBefore) expect(after).toContain(claim);
    expect(after.some((c) => c.startsWith('second-look-note|'))).toBe(true);
    // Two resets of the graph and three races: on the shared test machine the reset alone took 28 s.
  }, 120_000);

  it('resolves a merged id in stories and in datasets loaded later', async () => {
    await fresh();
    expect((await post('/resolution/merge', { survivor: 'xi-jinping', merged: 'mr-xi' })).status).toBe(200);
    const story = await send<{ steps: { nodeIds: string[] }[] }>(`${app.url}/api/stories`, 'POST', {
      title: 'Old id',
      steps: [{ title: 'Mr. Xi', nodeIds: ['mr-xi'] }],
    });
    expect(story.status).toBe(201);
    expect(story.body.steps[0]?.nodeIds).toEqual(['xi-jinping']);
    const stories = await getJson<HistoryResponseT>(`${app.url}/api/history?limit=1`);
    expect(stories.body.changes[0]?.op).toBe('story');

    const { records } = await getDriver().executeQuery('MATCH (e:Entity) RETURN count(e) AS n');
    const entities = Number(records[0]?.get('n'));
    await loadDataset(getDriver(), dataset);
    const again = await getDriver().executeQuery('MATCH (e:Entity) RETURN count(e) AS n');
    expect(Number(again.records[0]?.get('n'))).toBe(entities);
    expect((await entity('mr-xi')).entity.id).toBe('xi-jinping');
  });

  it('guards writes with the token when exposed and names the author', async () => {
    const exposed = await startTestApp({
      HOST: '0.0.0.0',
      TROVE_TOKEN: token,
      TROVE_TOKEN_NAME: 'newsroom desk',
      OVERLOAD_MAX_IN_FLIGHT: '0',
    });
    try {
      const refused = await send(`${exposed.url}/api/resolution/merge`, 'POST', {
        survivor: 'uighurs',
        merged: 'uyghurs',
      });
      expect(refused.status).toBe(401);
      expect((await send(`${exposed.url}/api/history/undo`, 'POST')).status).toBe(401);
      const allowed = await send(
        `${exposed.url}/api/resolution/not-same`,
        'POST',
        { a: 'uighurs', b: 'uyghurs' },
        {
          authorization: `Bearer ${token}`,
        },
      );
      expect(allowed.status).toBe(200);
      const history = await getJson<HistoryResponseT>(`${app.url}/api/history?limit=1`);
      expect(history.body.changes[0]?.author).toBe('newsroom desk');
    } finally {
      await exposed.close(1_000);
    }
  });
});
