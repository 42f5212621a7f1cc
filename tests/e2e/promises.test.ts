// Features the README promises that no test exercised: a story exported to a file and imported
// back, an import's parse errors, a conflicting save, the path finder's "no connection", the API
// reference at /api/docs. All under the page's real Content-Security-Policy.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storyInput, type StoryInputT, type StoryT } from '../../contract/stories.js';
import type { CompiledDataset } from '../../seed/src/index.js';
import { readArticle } from '../support/article.js';
import { openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

const BUILT_IN = 'the-xinjiang-papers';

describe('promised features of the page', () => {
  const suite = usePageSuite();
  let dataset: CompiledDataset;
  const problems: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'trove-e2e-stories-'));

  beforeAll(async () => {
    dataset = await readArticle();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const open = (path: string) =>
    openStrictPage(suite.browser, `${suite.app.url}${path}`, problems, {
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });

  async function api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
    const response = await fetch(`${suite.app.url}/api${path}`, {
      ...init,
      headers: { 'content-type': 'application/json' },
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A story of the user's own, a copy of the built-in one's content under a new title. */
  async function createStory(title: string): Promise<StoryT> {
    const builtIn = (await api<StoryT>(`/stories/${BUILT_IN}`)).body;
    const input: StoryInputT = { ...storyInput.parse(builtIn), title };
    const created = await api<StoryT>('/stories', { method: 'POST', body: JSON.stringify(input) });
    expect(created.status).toBe(201);
    return created.body;
  }

  const content = (story: StoryT) => storyInput.parse(story);

  async function importFile(page: Page, name: string, text: string): Promise<void> {
    const file = join(dir, name);
    writeFileSync(file, text);
    await page.getByLabel('Import story from JSON file…').setInputFiles(file);
  }

  it('exports a story as a file and imports it back as the same story', async () => {
    const original = await createStory(`Round trip ${Date.now()}`);
    const page = await open('/?tab=stories');
    await page.getByRole('button', { name: `Edit ${original.title}` }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.story\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(text)).toEqual(content(original));

    // Imported under a title of its own, so that the copy can be told from the original.
    const copyTitle = `${original.title} (imported)`;
    await page.getByRole('button', { name: 'Close editor' }).click();
    await importFile(page, 'copy.story.json', JSON.stringify({ ...JSON.parse(text), title: copyTitle }));
    await page
      .getByRole('status')
      .filter({ hasText: `Imported “${copyTitle}” (${original.steps.length} steps).` })
      .waitFor();
    const list = (await api<{ stories: { id: string; title: string }[] }>('/stories')).body.stories;
    const copyId = list.find((s) => s.title === copyTitle)?.id;
    expect(copyId).toBeDefined();
    const copy = (await api<StoryT>(`/stories/${copyId}`)).body;
    expect({ ...content(copy), title: original.title }).toEqual(content(original));
    for (const story of [original.id, copyId])
      await fetch(`${suite.app.url}/api/stories/${story}`, { method: 'DELETE' });
    await page.close();
  });

  it('names what is wrong with a file that is not a story, and imports nothing', async () => {
    const page = await open('/?tab=stories');
    const before = (await api<{ stories: unknown[] }>('/stories')).body.stories.length;
    const alert = page.getByRole('alert');

    await importFile(page, 'broken.story.json', '{"title": "Half a story", "steps": [');
    await alert.filter({ hasText: 'broken.story.json is not a valid story:' }).waitFor();
    expect(await alert.textContent()).toMatch(/The file is not JSON/);

    const builtIn = (await api<StoryT>(`/stories/${BUILT_IN}`)).body;
    const input = storyInput.parse(builtIn);
    const [first, ...rest] = input.steps;
    await importFile(
      page,
      'wrong.story.json',
      JSON.stringify({ ...input, title: '', steps: [{ ...first, nodeIds: [] }, ...rest] }),
    );
    await alert.filter({ hasText: 'wrong.story.json is not a valid story:' }).waitFor();
    const said = (await alert.locator('li').allTextContents()).join('\n');
    // Each problem names its field.
    expect(said).toMatch(/^title: /m);
    expect(said).toMatch(/^steps\.0\.nodeIds: /m);
    expect((await api<{ stories: unknown[] }>('/stories')).body.stories.length).toBe(before);
    await page.close();
  });

  it('says so when someone else saved the story first, and reloads their version', async () => {
    const story = await createStory(`Conflict ${Date.now()}`);
    const page = await open('/?tab=stories');
    await page.getByRole('button', { name: `Edit ${story.title}` }).click();
    await page.getByLabel('Step 1 caption').fill('My edit, made on an old version.');
    // Meanwhile, another editor saves a new version.
    const theirs = await api<StoryT>(`/stories/${story.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...content(story), description: 'Their edit.', version: story.version }),
    });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: 'Save story' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /Someone else changed this story/ });
    await alert.waitFor();
    // Nothing of the stale edit was written.
    const stored = (await api<StoryT>(`/stories/${story.id}`)).body;
    expect(stored.version).toBe(theirs.body.version);
    expect(stored.steps[0]?.caption).toBe(story.steps[0]?.caption);
    await alert.getByRole('button', { name: 'Reload the story' }).click();
    await expect
      .poll(() => page.getByLabel('Step 1 caption').inputValue())
      .toBe(story.steps[0]?.caption ?? '');
    await fetch(`${suite.app.url}/api/stories/${story.id}`, { method: 'DELETE' });
    await page.close();
  });

  it('says there is no connection between entities the article does not connect', async () => {
    // From the dataset, by breadth-first search from the best-connected entity: one it does not reach
    // at all (then the page's default of 6 links), or else the farthest, with one link fewer allowed.
    const degree = new Map<string, number>();
    for (const r of dataset.data.relationships)
      for (const id of [r.from, r.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const hub = [...degree.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const distance = new Map([[hub, 0]]);
    for (let frontier = [hub], d = 1; frontier.length > 0; d += 1) {
      const next: string[] = [];
      for (const r of dataset.data.relationships)
        for (const [a, b] of [
          [r.from, r.to],
          [r.to, r.from],
        ] as const)
          if (frontier.includes(a) && !distance.has(b)) {
            distance.set(b, d);
            next.push(b);
          }
      frontier = next;
    }
    const unreached = dataset.data.entities.find((e) => !distance.has(e.id))?.id;
    const farthest = [...distance.entries()].sort((a, b) => b[1] - a[1])[0] ?? [hub, 0];
    const [apart, hops] = unreached ? [unreached, 6] : [farthest[0], farthest[1] - 1];
    expect(hops, 'a pair the article does not connect within some number of links').toBeGreaterThan(0);
    const name = (id: string) => dataset.data.entities.find((e) => e.id === id)?.name ?? id;

    const page = await open(`/?tab=paths&pfrom=${apart}&pto=${hub}${hops === 6 ? '' : `&hops=${hops}`}`);
    const finder = page.getByRole('region', { name: 'Path finder' });
    await finder
      .getByRole('status')
      .filter({
        hasText: `No connection between ${name(apart)} and ${name(hub)} within ${hops} link${hops === 1 ? '' : 's'}.`,
      })
      .waitFor({ timeout: 20_000 });
    expect(await finder.locator('.path-card').count()).toBe(0);
    await page.close();
  });

  it('serves the API reference at /api/docs, listing every operation of the document', async () => {
    const document = (await (await fetch(`${suite.app.url}/api/openapi.json`)).json()) as {
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    };
    const page = await open('/api/docs');
    await page.getByRole('heading', { name: new RegExp(document.info.title) }).waitFor({ timeout: 20_000 });
    const shown = await page.locator('.opblock-summary-path').allTextContents();
    const expected = Object.keys(document.paths).flatMap((path) =>
      Object.keys(document.paths[path] ?? {}).map(() => path),
    );
    expect(shown.map((s) => s.replace(/\u200b/g, '').trim()).sort()).toEqual(expected.sort());
    await page.close();
  });
});
