import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStoryRoute,
  deleteStoryRoute,
  getStoryRoute,
  listStoriesRoute,
  updateStoryRoute,
  type StoryT,
} from '../../contract/stories.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver } from '../support/neo4j.js';

const token = 'a-test-token-of-32-characters-xx';

function send(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  return getJson<Record<string, unknown>>(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function sourceText(): Promise<string> {
  const { records } = await getDriver().executeQuery(
    "MATCH (s:Source {id: 'no-mercy-in-xinjiang'}) RETURN s.text AS text",
  );
  return String(records[0]!.get('text'));
}

describe('stories', () => {
  let app: RunningServer;
  let exposed: RunningServer;
  const created: string[] = [];
  let text = '';

  beforeAll(async () => {
    app = await startTestApp();
    exposed = await startTestApp({ HOST: '0.0.0.0', TROVE_TOKEN: token });
    text = await sourceText();
  });
  afterAll(async () => {
    for (const id of created) await getDriver().executeQuery('MATCH (s:Story {id: $id}) DELETE s', { id });
    await app.close(1_000);
    await exposed.close(1_000);
  });

  function quoteOf(fragment: string) {
    const start = text.indexOf(fragment);
    expect(start).toBeGreaterThanOrEqual(0);
    return { sourceId: 'no-mercy-in-xinjiang', start, end: start + fragment.length, quote: fragment };
  }

  it('ships the built-in story of the article, every quote verbatim at its offsets', async () => {
    const list = await getJson<{ stories: { id: string; builtIn: boolean; stepCount: number }[] }>(
      `${app.url}/api/stories`,
    );
    expectConforms(listStoriesRoute, list.status, list.body);
    const builtIn = list.body.stories.find((s) => s.id === 'the-xinjiang-papers');
    expect(builtIn?.builtIn).toBe(true);

    const { status, body } = await getJson<StoryT>(`${app.url}/api/stories/the-xinjiang-papers`);
    expectConforms(getStoryRoute, status, body);
    expect(body.steps.length).toBe(builtIn?.stepCount);
    expect(body.steps.length).toBeGreaterThanOrEqual(5);
    for (const step of body.steps) {
      expect(step.quote).not.toBeNull();
      expect(text.slice(step.quote!.start, step.quote!.end)).toBe(step.quote!.quote);
    }
  });

  it('creates, edits with a version check, and deletes a teacher’s story, outside the evidence graph', async () => {
    const health = async () => (await getJson<{ counts: unknown }>(`${app.url}/api/health`)).body.counts;
    const countsBefore = await health();
    const steps = [
      { title: 'Xi', nodeIds: ['xi-jinping'], quote: quoteOf('absolutely no mercy') },
      {
        title: 'Chen',
        nodeIds: ['chen-quanguo', 'xinjiang'],
        edgeIds: ['chen-quanguo-appointed-to-xinjiang'],
      },
      { title: 'Wang', nodeIds: ['wang-yongzhi'], caption: 'Released more than 7,000 people.' },
    ];
    const made = await send(`${app.url}/api/stories`, 'POST', { title: 'Three steps', steps });
    expect(made.status).toBe(201);
    expectConforms(createStoryRoute, made.status, made.body);
    const story = made.body as unknown as StoryT;
    created.push(story.id);
    expect(story.version).toBe(1);
    expect(story.steps.map((s) => s.title)).toEqual(['Xi', 'Chen', 'Wang']);
    expect(await health()).toEqual(countsBefore);

    const reordered = [story.steps[2], story.steps[0], story.steps[1]];
    const edited = await send(`${app.url}/api/stories/${story.id}`, 'PUT', {
      ...story,
      steps: reordered,
      version: 1,
    });
    expect(edited.status).toBe(200);
    expectConforms(updateStoryRoute, edited.status, edited.body);
    expect((edited.body as unknown as StoryT).steps.map((s) => s.title)).toEqual(['Wang', 'Xi', 'Chen']);
    expect((edited.body as unknown as StoryT).version).toBe(2);

    const stale = await send(`${app.url}/api/stories/${story.id}`, 'PUT', { ...story, version: 1 });
    expect(stale.status).toBe(409);
    expectConforms(updateStoryRoute, stale.status, stale.body);

    const removed = await send(`${app.url}/api/stories/${story.id}`, 'DELETE');
    expect(removed.status).toBe(200);
    expectConforms(deleteStoryRoute, removed.status, removed.body);
    expect((await getJson(`${app.url}/api/stories/${story.id}`)).status).toBe(404);
  });

  it.each([
    [{ title: '', steps: [] }, 'title'],
    [{ title: 'x', steps: [{ title: 's', nodeIds: ['no-such-entity'] }] }, 'steps.0.nodeIds'],
    [
      { title: 'x', steps: [{ title: 's', nodeIds: ['xi-jinping'], edgeIds: ['no-such-link'] }] },
      'steps.0.edgeIds',
    ],
    [
      {
        title: 'x',
        steps: [
          { title: 's', nodeIds: ['xi-jinping'] },
          {
            title: 't',
            nodeIds: ['xi-jinping'],
            quote: { sourceId: 'no-mercy-in-xinjiang', start: 0, end: 5, quote: 'Mercy' },
          },
        ],
      },
      'steps.1.quote',
    ],
    [{ title: 'x', steps: [{ title: 's', nodeIds: [] }] }, 'steps.0.nodeIds'],
  ])('refuses an invalid story and names the field (%#)', async (input, field) => {
    const { status, body } = await send(`${app.url}/api/stories`, 'POST', input);
    expect(status).toBe(400);
    expectConforms(createStoryRoute, status, body);
    expect((body.error as { field: string }).field).toBe(field);
    const { records } = await getDriver().executeQuery(
      "MATCH (s:Story) WHERE s.title = 'x' RETURN count(s) AS n",
    );
    expect(Number(records[0]!.get('n'))).toBe(0);
  });

  it('keeps built-in stories read-only', async () => {
    const { body: story } = await getJson<StoryT>(`${app.url}/api/stories/the-xinjiang-papers`);
    const edit = await send(`${app.url}/api/stories/the-xinjiang-papers`, 'PUT', {
      ...story,
      title: 'Changed',
    });
    expect(edit.status).toBe(403);
    const remove = await send(`${app.url}/api/stories/the-xinjiang-papers`, 'DELETE');
    expect(remove.status).toBe(403);
    expectConforms(deleteStoryRoute, remove.status, remove.body);
  });

  it('asks for the token when exposed beyond loopback, and compares it exactly', async () => {
    const input = { title: 'Token story', steps: [{ title: 's', nodeIds: ['xi-jinping'] }] };
    const none = await send(`${exposed.url}/api/stories`, 'POST', input);
    expect(none.status).toBe(401);
    expectConforms(createStoryRoute, none.status, none.body);
    const wrong = await send(`${exposed.url}/api/stories`, 'POST', input, {
      authorization: `Bearer ${token}x`,
    });
    expect(wrong.status).toBe(401);
    const right = await send(`${exposed.url}/api/stories`, 'POST', input, {
      authorization: `Bearer ${token}`,
    });
    expect(right.status).toBe(201);
    created.push(String(right.body.id));
    // Reading stays open: embeds and students need no token.
    expect((await getJson(`${exposed.url}/api/stories`)).status).toBe(200);
  });
});
