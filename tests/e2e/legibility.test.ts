import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoryT } from '../../contract/stories.js';
import { screenshot } from '../support/browser.js';
import { graphSettled, readLabels } from '../support/labels.js';
import { usePageSuite } from '../support/page-suite.js';

const BUILT_IN = 'the-xinjiang-papers';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/**
 * Legible by construction: on every view a reader reaches, no two drawn node labels overlap and none
 * is smaller than 11 px on screen. The label boxes are read from Cytoscape, the way it draws them.
 */
describe('graph labels stay legible', () => {
  const suite = usePageSuite();
  let story: StoryT;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    story = (await (await fetch(`${suite.app.url}/api/stories/${BUILT_IN}`)).json()) as StoryT;
  });

  async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await suite.browser.newPage({ viewport, reducedMotion: 'reduce', bypassCSP: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // ?bench exposes the page's Cytoscape instance to readLabels.
    await page.goto(`${suite.app.url}${path}${path.includes('?') ? '&' : '?'}bench`);
    return page;
  }

  async function expectLegible(page: Page, view: string): Promise<void> {
    await graphSettled(page);
    const labels = await readLabels(page);
    expect(labels.visible, `${view}: some labels are drawn`).toBeGreaterThan(0);
    expect(labels.overlaps, `${view}: overlapping labels`).toEqual([]);
    expect(labels.tiny, `${view}: labels under 11 px`).toEqual([]);
  }

  for (const size of SIZES) {
    const at = `${size.width}×${size.height}`;

    it(`at ${at}: the landing, a search, an expansion, a path and a filter`, async () => {
      const page = await open('/', size);
      await expectLegible(page, `${at} landing`);
      await screenshot(page, `legibility-landing-${size.width}`);

      await page.getByRole('combobox', { name: 'Search entities' }).fill('Chen Quanguo');
      await page
        .getByRole('listbox', { name: 'Search entities: suggestions' })
        .getByRole('option', { name: /^Chen Quanguo/ })
        .first()
        .click();
      await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe('chen-quanguo');
      await expectLegible(page, `${at} after a search`);

      // Expanding a neighbour from the keyboard adds its own neighbours to the view.
      const before = new URL(page.url()).searchParams.get('exp') ?? '';
      await page.getByRole('application', { name: 'Graph canvas' }).focus();
      for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
        await page.keyboard.press(key);
        await page.waitForTimeout(1_000);
        if (new URL(page.url()).searchParams.get('sel') !== 'chen-quanguo') break;
      }
      expect(new URL(page.url()).searchParams.get('sel')).not.toBe('chen-quanguo');
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('exp')).not.toBe(before);
      await expectLegible(page, `${at} after an expansion`);
      await page.close();

      const path = await open('/?pfrom=xi-jinping&pto=wang-yongzhi&tab=paths', size);
      await expectLegible(path, `${at} with a path`);
      await path.close();

      const filtered = await open('/?y0=2017&y1=2017', size);
      await expectLegible(filtered, `${at} filtered to 2017`);
      await filtered.close();
    });

    it(`at ${at}: every step of the built-in story, presented`, async () => {
      const page = await open(`/?story=${BUILT_IN}&step=1&present=1`, size);
      const show = page.getByRole('region', { name: 'Presentation' });
      for (let i = 0; i < story.steps.length; i += 1) {
        if (i > 0) await page.keyboard.press('ArrowRight');
        await show.getByRole('heading', { name: story.steps[i]?.title }).waitFor();
        await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(i + 1));
        await expectLegible(page, `${at} presentation step ${i + 1}`);
        if (i === 2 || i === 5) await screenshot(page, `legibility-present-${size.width}-step-${i + 1}`);
      }
      await page.close();
    });
  }

  it('in /embed at 640×400, the whole graph and a story step', async () => {
    const size = { width: 640, height: 400 };
    const page = await open('/embed', size);
    await expectLegible(page, 'embed, whole graph');
    await page.close();
    const step = await open(`/embed?story=${BUILT_IN}&step=3`, size);
    await expectLegible(step, 'embed, story step 3');
    await screenshot(step, 'legibility-embed-step-3');
    await step.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
