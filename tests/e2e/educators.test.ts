import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoryT } from '../../contract/stories.js';
import { screenshot } from '../support/browser.js';
import { enforcedPolicy, expectAccessible, openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

const BUILT_IN = 'the-xinjiang-papers';

// The educator's page: stories, presentation, timeline, sharing, images and the list view, all under
// the page's real Content-Security-Policy: a view that needs more than the header allows fails here.
describe('the educator features', () => {
  const suite = usePageSuite();
  let builtIn: StoryT;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    builtIn = (await (await fetch(`${suite.app.url}/api/stories/${BUILT_IN}`)).json()) as StoryT;
  });
  // Each test's pages: no CSP violation and no uncaught error.
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  function open(path = '/', viewport = { width: 1440, height: 900 }): Promise<Page> {
    return openStrictPage(suite.browser, `${suite.app.url}${path}`, pageErrors, {
      viewport,
      acceptDownloads: true,
    });
  }

  const counts = (page: Page) =>
    page.getByRole('region', { name: 'Relationship graph' }).getByText(/Showing \d+ nodes?, \d+ links?/);

  async function shows(page: Page, nodes: number): Promise<void> {
    await expect
      .poll(() => counts(page).textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`Showing ${nodes} node`));
  }

  it('plays the built-in story to its end by keyboard, and presents it', async () => {
    const page = await open('/?tab=stories');
    const play = page.getByRole('button', { name: `Play ${builtIn.title}` });
    await play.focus();
    await page.keyboard.press('Enter');
    const stepHeading = page.getByRole('heading', { level: 2, name: builtIn.steps[0]?.title });
    await stepHeading.waitFor();
    await shows(page, builtIn.steps[0]?.nodeIds.length ?? 0);
    for (let i = 1; i < builtIn.steps.length; i += 1) {
      await page.keyboard.press('ArrowRight');
      await page.getByRole('heading', { level: 2, name: builtIn.steps[i]?.title }).waitFor();
      expect(
        await page
          .getByText(`${i + 1} / ${builtIn.steps.length}`)
          .first()
          .isVisible(),
      ).toBe(true);
    }
    const last = builtIn.steps.at(-1);
    await shows(page, last?.nodeIds.length ?? 0);
    expect(new URL(page.url()).searchParams.get('step')).toBe(String(builtIn.steps.length));
    expect(await page.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    // Past the end nothing changes.
    await page.keyboard.press('ArrowRight');
    expect(new URL(page.url()).searchParams.get('step')).toBe(String(builtIn.steps.length));
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('heading', { level: 2, name: builtIn.steps.at(-2)?.title }).waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'educators-stories');
    await expectAccessible(page, 'stories');

    await page.getByRole('button', { name: 'Present' }).click();
    const show = page.getByRole('region', { name: 'Presentation' });
    await show.waitFor();
    expect(await show.getByText(`${builtIn.steps.length - 1} / ${builtIn.steps.length}`).isVisible()).toBe(
      true,
    );
    await page.keyboard.press(' ');
    await show.getByRole('heading', { name: last?.title }).waitFor();
    expect(await show.getByText(last?.quote?.quote.slice(0, 40) ?? '').isVisible()).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'educators-presentation');
    await expectAccessible(page, 'presentation');
    await page.keyboard.press('Escape');
    await show.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('present')).toBeNull();
    await page.close();
  });

  it("reopens a step's link in a new page as the same view", async () => {
    const page = await open(`/?story=${BUILT_IN}&step=3&tab=stories`);
    const step = builtIn.steps[2];
    await page.getByRole('heading', { level: 2, name: step?.title }).waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByRole('heading', { level: 2, name: builtIn.steps[3]?.title }).waitFor();
    const href = await page.getByRole('link', { name: 'Link to this step' }).getAttribute('href');
    expect(href).toContain(`step=4`);
    await shows(page, builtIn.steps[3]?.nodeIds.length ?? 0);
    const before = await counts(page).textContent();
    const other = await open(new URL(href ?? '/').pathname + new URL(href ?? '/').search);
    await other.getByRole('heading', { level: 2, name: builtIn.steps[3]?.title }).waitFor();
    await shows(other, builtIn.steps[3]?.nodeIds.length ?? 0);
    expect(await counts(other).textContent()).toBe(before);
    // The list view narrates the step in sentences.
    await other.getByRole('button', { name: 'List view' }).click();
    const list = other.getByRole('region', { name: 'Graph as list' });
    await list.getByRole('heading', { name: new RegExp(`step 4 of ${builtIn.steps.length}`) }).waitFor();
    const graph = (await (await fetch(`${suite.app.url}/api/graph`)).json()) as {
      edges: { id: string; description: string | null }[];
    };
    const described = graph.edges.find((e) => builtIn.steps[3]?.edgeIds.includes(e.id) && e.description);
    expect(described).toBeDefined();
    expect(await list.textContent()).toContain(described?.description?.slice(1, 40));
    await expectAccessible(other, 'list view');
    await page.close();
    await other.close();
  });

  it('creates a story of three steps that is still there after a reload, then deletes it', async () => {
    const page = await open('/?tab=stories');
    page.on('dialog', (dialog) => void dialog.accept());
    const title = `Test story ${Date.now()}`;
    await page.getByLabel('New story title').fill(title);
    await page.getByRole('button', { name: 'Create story' }).click();
    await page.getByRole('heading', { name: /Edit story/ }).waitFor();
    await counts(page)
      .getByText(/Showing [1-9]/)
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Add current view as a step' }).click();

    for (const [query, name] of [
      ['Chen Quanguo', 'Chen Quanguo'],
      ['Xi Jinping', 'Xi Jinping'],
    ] as const) {
      const search = page.getByRole('combobox', { name: 'Search entities' });
      await search.fill(query);
      await page
        .getByRole('option')
        .filter({ hasText: new RegExp(`^${name}`) })
        .first()
        .waitFor();
      await search.press('Enter');
      // The search selects the entity and leaves the story editor open.
      await page.waitForURL(new RegExp(`sel=${name.toLowerCase().replace(' ', '-')}`));
      await page.waitForTimeout(300);
      await page.getByRole('tab', { name: 'Stories' }).click();
      await page.getByRole('button', { name: 'Add current view as a step' }).click();
    }
    await expect.poll(() => page.getByLabel(/^Step \d title$/).count()).toBe(3);
    expect(await page.getByLabel('Step 2 title').inputValue()).toBe('Chen Quanguo');
    await page.getByLabel('Step 2 caption').fill('Chen Quanguo became party chief in Xinjiang in 2016.');
    // Reorder by keyboard: Xi's step moves up to second place.
    await page.getByRole('button', { name: 'Move up step 3' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Step 2 title').inputValue()).toBe('Xi Jinping');
    await page.getByRole('button', { name: 'Save story' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Saved \(version 2\)/ })
      .waitFor();

    await page.reload();
    await page.getByRole('button', { name: `Edit ${title}` }).click();
    await expect.poll(() => page.getByLabel(/^Step \d title$/).count()).toBe(3);
    expect(await page.getByLabel('Step 2 title').inputValue()).toBe('Xi Jinping');
    expect(await page.getByLabel('Step 3 caption').inputValue()).toMatch(/party chief/);

    const list = (await (await fetch(`${suite.app.url}/api/stories`)).json()) as {
      stories: { id: string; title: string }[];
    };
    const saved = list.stories.find((s) => s.title === title);
    expect(saved).toBeDefined();
    await page.getByRole('button', { name: 'Delete story' }).click();
    await page.getByRole('button', { name: `Play ${builtIn.title}` }).waitFor();
    expect((await fetch(`${suite.app.url}/api/stories/${saved?.id}`)).status).toBe(404);
    await page.close();
  });

  it('embeds a step read-only, framable by other sites', async () => {
    const embed = `${suite.app.url}/embed?story=${BUILT_IN}&step=2`;
    const header = (await fetch(embed)).headers;
    const csp = header.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors \*/);
    expect(header.get('x-frame-options')).toBeNull();
    const page = await openStrictPage(suite.browser, embed, pageErrors, {
      viewport: { width: 640, height: 480 },
    });
    // The policy the browser enforces on the embed is the header's, and it refuses inline script.
    expect(await enforcedPolicy(page)).toEqual({ ran: false, policy: csp });
    await page.getByRole('heading', { level: 1, name: builtIn.steps[1]?.title }).waitFor();
    for (const name of [/edit/i, /save/i, /delete/i, /create/i, /add current view/i, /import/i, /clear/i])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('combobox').count()).toBe(0);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByRole('heading', { level: 1, name: builtIn.steps[2]?.title }).waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'educators-embed');
    await expectAccessible(page, 'embed');
    // The main page still refuses other sites' frames.
    const main = await fetch(`${suite.app.url}/`);
    expect(main.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    await page.close();
  });

  it('exports a story step as PNG and SVG of the right size, with caption and source', async () => {
    const page = await open(`/?story=${BUILT_IN}&step=1&tab=stories`);
    await shows(page, builtIn.steps[0]?.nodeIds.length ?? 0);
    await page.waitForTimeout(300);
    const canvas = await page.locator('.graph-canvas').boundingBox();
    const save = async (format: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: new RegExp(`^${format} image of`) }).click(),
      ]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const png = await save('PNG');
    expect(png.name).toMatch(/step-1\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.bytes.readUInt32BE(16);
    const height = png.bytes.readUInt32BE(20);
    // The viewport at scale 2, with bands for the caption above and the source below.
    expect(width).toBe(Math.round((canvas?.width ?? 0) * 2));
    expect(height).toBeGreaterThan(Math.round((canvas?.height ?? 0) * 2) + 40);

    const svg = await save('SVG');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        name: root.nodeName,
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        viewBox: root.getAttribute('viewBox'),
        text: [...root.querySelectorAll('text')].map((t) => t.textContent).join(' '),
      };
    }, svg.bytes.toString('utf8'));
    expect(parsed.error).toBe(false);
    expect(parsed.name).toBe('svg');
    expect(Number(parsed.width)).toBe(width);
    expect(Number(parsed.height)).toBe(height);
    expect(parsed.viewBox).toBe(`0 0 ${width} ${height}`);
    expect(parsed.text).toContain(builtIn.steps[0]?.title);
    expect(parsed.text).toMatch(/—/);
    await page.close();
  });

  it('shows the timeline with honest spans, and its window filters the graph', async () => {
    const page = await open('/?tab=timeline');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('button').first().waitFor();
    await counts(page)
      .getByText(/Showing [1-9]/)
      .waitFor({ timeout: 20_000 });
    // A year is a span across the year: the 2014 speech's bar is as wide as one year of the axis.
    const ranged = timeline.getByRole('button', { name: /range from 2017 to 2018/ });
    expect(await ranged.count()).toBeGreaterThan(0);
    const before = await counts(page).textContent();
    await timeline.getByLabel('From').selectOption('2017');
    await expect.poll(() => counts(page).textContent()).not.toBe(before);
    expect(new URL(page.url()).searchParams.get('y0')).toBe('2017');
    await screenshot(page, 'educators-timeline');
    await expectAccessible(page, 'timeline');
    await timeline.getByRole('button', { name: 'Clear window' }).click();
    await timeline
      .getByRole('button', { name: /2014 speech/i })
      .first()
      .click();
    // One row per event: the speech and the links dated with it (who gave it, whom it addressed)
    // come onto the graph together, the event selected.
    await expect
      .poll(() => new URL(page.url()).searchParams.get('seeds')?.split(',') ?? [])
      .toEqual(expect.arrayContaining(['xi-2014-speech', 'xi-jinping']));
    expect(new URL(page.url()).searchParams.get('sel')).toBe('xi-2014-speech');
    await page.close();
  });

  it('has no serious accessibility violations in the explorer and details', async () => {
    const page = await open('/');
    await counts(page)
      .getByText(/Showing [1-9]/)
      .waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'explorer');
    await page.goto(`${suite.app.url}/?view=explore&seeds=chen-quanguo&exp=chen-quanguo:10&sel=chen-quanguo`);
    await page
      .getByRole('region', { name: 'Details' })
      .getByRole('heading', { level: 2, name: 'Chen Quanguo' })
      .waitFor();
    await expectAccessible(page, 'details');
    await page.close();
  });
});
