// Stories and merged links: a merge that combines two relationships into one (the same type between
// the same ends once the entities are one) removes a relationship id that stories may name. Such a
// step keeps resolving to the relationship that now holds the claims — in stored stories, in stories
// saved later, in the built-in story reloaded at start-up — and split hands the id back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStoryRoute, type StoryT } from '../../contract/stories.js';
import type { WriteResultT } from '../../contract/resolution.js';
import { loadDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { loadBuiltInStories } from '../../server/src/stories/builtin.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';
import { graphChecksum, writeDuplicatesDataset } from '../support/resolution.js';

const BUILT_IN = 'the-xinjiang-papers';
// Merging Xi Jinping into the note's "Mr. Xi" combines the article's speech link into the note's.
const REMOVED = 'xi-jinping-gave-speech-xi-2014-speech';
const SURVIVOR = 'mr-xi-gave-speech-xi-2014-speech';

describe('stories that name a link a merge combined', () => {
  let app: RunningServer;

  const send = <T>(path: string, method: string, body?: unknown) =>
    getJson<T>(`${app.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const story = async (id: string) => {
    const { status, body } = await getJson<StoryT>(`${app.url}/api/stories/${id}`);
    expectConforms(getStoryRoute, status, body);
    expect(status).toBe(200);
    return body;
  };
  const relationshipIds = async () => {
    const { records } = await getDriver().executeQuery(
      'MATCH (:Entity)-[r:GAVE_SPEECH]->(:Entity {id: "xi-2014-speech"}) RETURN r.id AS id ORDER BY id',
    );
    return records.map((r) => String(r.get('id')));
  };

  beforeAll(async () => {
    await resetToArticle();
    await loadDataset(getDriver(), await writeDuplicatesDataset(getDriver()));
    app = await startTestApp({ OVERLOAD_MAX_IN_FLIGHT: '0' });
  });
  afterAll(async () => {
    await app.close(1_000);
    await resetToArticle();
  });

  it('resolves the removed id in stored, new and reloaded stories, and split gives it back', async () => {
    const builtInBefore = await story(BUILT_IN);
    expect(builtInBefore.steps[1]?.edgeIds).toContain(REMOVED);
    // A step may name a link without either of its ends.
    const linkOnly = await send<StoryT>('/stories', 'POST', {
      title: 'The speech link alone',
      steps: [{ title: 'The speech', nodeIds: ['xi-2014-speech'], edgeIds: [REMOVED], linkId: REMOVED }],
    });
    expect(linkOnly.status).toBe(201);
    const before = await graphChecksum(getDriver());

    const merged = await send<WriteResultT>('/resolution/merge', 'POST', {
      survivor: 'mr-xi',
      merged: 'xi-jinping',
    });
    expect(merged.status).toBe(200);
    expect(await relationshipIds()).toEqual([SURVIVOR]);

    // Stored stories: the built-in one and the one that names only the link.
    const builtIn = await story(BUILT_IN);
    expect(builtIn.steps[1]?.edgeIds).toContain(SURVIVOR);
    expect(builtIn.steps[1]?.edgeIds).not.toContain(REMOVED);
    expect(builtIn.steps[1]?.nodeIds).toContain('mr-xi');
    const alone = await story(linkOnly.body.id);
    expect(alone.steps[0]?.edgeIds).toEqual([SURVIVOR]);
    expect(alone.steps[0]?.linkId).toBe(SURVIVOR);

    // A story saved after the merge from an older copy (a file, another tab) names the old ids.
    const saved = await send<StoryT>('/stories', 'POST', {
      title: 'Saved from an older copy',
      steps: [{ title: 'The speech', nodeIds: ['xi-jinping', 'xi-2014-speech'], edgeIds: [REMOVED] }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.steps[0]?.edgeIds).toEqual([SURVIVOR]);
    expect(saved.body.steps[0]?.nodeIds).toEqual(['mr-xi', 'xi-2014-speech']);
    expect((await send(`/stories/${saved.body.id}`, 'DELETE')).status).toBe(200);

    // Start-up reloads the built-in story from its file, written before the merge: it loads, and the
    // stored story, already the same once its ids resolve, is not rewritten.
    await loadBuiltInStories(getDriver());
    const reloaded = await story(BUILT_IN);
    expect(reloaded.version).toBe(builtIn.version);
    expect(reloaded.steps).toEqual(builtIn.steps);

    const split = await send<WriteResultT>('/resolution/split', 'POST', { merged: 'xi-jinping' });
    expect(split.status).toBe(200);
    expect(await relationshipIds()).toEqual([SURVIVOR, REMOVED]);
    expect((await story(BUILT_IN)).steps).toEqual(builtInBefore.steps);
    expect((await story(linkOnly.body.id)).steps[0]?.edgeIds).toEqual([REMOVED]);
    expect(await graphChecksum(getDriver())).toBe(before);
  });
});
