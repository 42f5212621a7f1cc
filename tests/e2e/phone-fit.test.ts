// Every page at 390×844: nothing sticks out past the right edge, neither the document (sideways
// scrolling) nor any control (a button cut off by a strip that scrolls or clips). The graph's tools
// fit one row, with the rest under "More".
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { graphSettled } from '../support/labels.js';
import { usePageSuite } from '../support/page-suite.js';
import { expectAccessible, openStrictPage } from '../support/strict-page.js';

const PHONE = { width: 390, height: 844 };

describe('every page fits a phone (390×844)', () => {
  const suite = usePageSuite();
  const problems: string[] = [];

  async function open(path: string): Promise<Page> {
    return openStrictPage(suite.browser, `${suite.app.url}${path}`, problems, {
      viewport: PHONE,
      hasTouch: true,
    });
  }

  /**
   * The document does not scroll sideways, and every control drawn on the page lies inside the
   * window from left to right (below the fold is fine: the page scrolls down, never sideways).
   */
  async function expectFits(page: Page, view: string): Promise<void> {
    const report = await page.evaluate(() => {
      const width = window.innerWidth;
      const outside: string[] = [];
      const controls = document.querySelectorAll(
        'button, select, input:not([type="hidden"]), textarea, a[href], [role="button"], [role="tab"]',
      );
      for (const control of controls) {
        const box = control.getBoundingClientRect();
        // Not drawn (display: none, a closed panel) or visually hidden (sr-only: 1×1 and clipped).
        if (box.width <= 1 || box.height <= 1) continue;
        if (box.left < -0.5 || box.right > width + 0.5) {
          const name = control.getAttribute('aria-label') ?? control.textContent ?? '';
          outside.push(
            `${control.tagName.toLowerCase()} "${name.trim().slice(0, 40)}" at ${Math.round(box.left)}–${Math.round(box.right)}`,
          );
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, width, outside, count: controls.length };
    });
    expect(report.scrollWidth, `${view}: document width`).toBeLessThanOrEqual(report.width);
    expect(report.outside, `${view}: controls past the edge`).toEqual([]);
    expect(report.count, `${view}: controls measured`).toBeGreaterThan(3);
  }

  it('the graph: its tools in one row, the rest under More, which opens inside the screen', async () => {
    const page = await open('/?bench');
    const tools = page.getByRole('toolbar', { name: 'Graph tools' });
    // The first page of the run waits for a cold database on a busy machine.
    await tools.getByText(/^[1-9]\d* nodes/).waitFor({ timeout: 200_000 });
    await screenshot(page, 'phone-fit-graph-drawn');
    await graphSettled(page, 60_000);
    await expectFits(page, 'graph');
    // One row: no taller than one of its buttons and its padding.
    const row = (await tools.boundingBox())!;
    const button = (await tools.getByRole('button', { name: 'Whole graph', exact: true }).boundingBox())!;
    expect(row.height).toBeLessThan(button.height * 1.8);
    await screenshot(page, 'phone-fit-graph');

    const more = tools.getByRole('button', { name: /^More/ });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    const panel = page.getByRole('group', { name: 'More graph tools' });
    await panel.waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    // What the row has no room for is there, each with its name.
    for (const name of ['Clear', 'Zoom in', 'Zoom out', 'List view'])
      await panel.getByRole('button', { name, exact: true }).waitFor();
    await panel.getByRole('combobox', { name: 'Layout' }).waitFor();
    await expectFits(page, 'graph with More open');
    await expectAccessible(page, 'graph with More open');
    await screenshot(page, 'phone-fit-more');
    // Escape closes it and gives the focus back to its button.
    await panel.getByRole('button', { name: 'Zoom in', exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false');
    expect(await more.evaluate((el) => el === document.activeElement)).toBe(true);
    // A tool chosen from it works: the list view opens (and fits too).
    await more.click();
    await panel.getByRole('button', { name: 'List view', exact: true }).click();
    await page.getByRole('region', { name: 'Graph as list' }).waitFor();
    await expectFits(page, 'list');
    await screenshot(page, 'phone-fit-list');
    await page.close();
  }, 300_000);

  it('the map, and the timeline played on it', async () => {
    const page = await open('/?map=1&t=2016-06');
    await page.locator('.map-marker-dot').first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.locator('.map-country').first().waitFor({ state: 'attached' });
    await expectFits(page, 'map');
    await screenshot(page, 'phone-fit-map');
    await page.getByRole('button', { name: 'Play the timeline' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).not.toBe('2016-06');
    await page.getByRole('button', { name: 'Pause the timeline' }).click();
    await expectFits(page, 'map after playing');
    await page.close();
  });

  it('the timeline tab in the sheet', async () => {
    const page = await open('/?tab=timeline');
    await page
      .getByRole('tabpanel', { name: 'Timeline' })
      .getByRole('heading', { name: 'Timeline' })
      .waitFor();
    await page.locator('.timeline-items li').first().waitFor();
    await expectFits(page, 'timeline');
    await screenshot(page, 'phone-fit-timeline');
    await page.close();
  });

  it('Resolve, with the history of changes', async () => {
    const page = await open('/?page=resolve');
    await page.getByRole('heading', { name: 'Possible duplicates' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await expectFits(page, 'resolve');
    await screenshot(page, 'phone-fit-resolve');
    await page.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-fit-history');
    await page.close();
  });

  it('Import: the form and the review of a draft', async () => {
    const page = await open('/?page=import');
    const form = page.getByRole('form', { name: 'Import a source' });
    await form.waitFor();
    await expectFits(page, 'import form');
    await form.getByLabel('Title').fill('Phone check');
    await form
      .getByLabel('Text')
      .fill('Chen Quanguo met Zhu Hailun in Kashgar in 2017. Officials in Urumqi read the Xinjiang papers.');
    await form.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('listbox', { name: 'Candidate entities' }).getByRole('option').first().waitFor();
    await expectFits(page, 'import review');
    await screenshot(page, 'phone-fit-import-review');
    await page.close();
    // The draft was only for looking at: it goes, as a reviewer would discard it.
    const { drafts } = (await (await fetch(`${suite.app.url}/api/imports`)).json()) as {
      drafts: { id: string; title: string }[];
    };
    for (const draft of drafts.filter((d) => d.title === 'Phone check'))
      await fetch(`${suite.app.url}/api/imports/${draft.id}`, { method: 'DELETE' });
  });

  it('raised no page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
