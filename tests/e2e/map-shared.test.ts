// The graph, the map and the list are three views of one selection (the view store): a selection
// made in any is the selection in all three.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphSettled } from '../support/labels.js';
import { openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

describe('the graph, the map and the list share selection, hover and filters', () => {
  const suite = usePageSuite();
  const problems: string[] = [];

  async function open(params: string): Promise<Page> {
    // ?bench exposes the page's graph (troveGraph) to read what it lights up.
    const page = await openStrictPage(suite.browser, `${suite.app.url}/?bench&${params}`, problems, {
      viewport: { width: 1280, height: 800 },
    });
    // The first page of the run waits for a cold database on a busy machine.
    await page.locator('.map-marker-dot').first().waitFor({ state: 'attached', timeout: 200_000 });
    await graphSettled(page);
    return page;
  }

  const graphHas = (page: Page, id: string, cls: string) =>
    page.evaluate(
      ({ id, cls }) =>
        (
          globalThis as unknown as {
            troveGraph: { cy: { getElementById(id: string): { hasClass(c: string): boolean } } };
          }
        ).troveGraph.cy
          .getElementById(id)
          .hasClass(cls),
      { id, cls },
    );
  /** Where a node is on screen, for the mouse. */
  async function nodeOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
    const at = await page.evaluate(
      (id) =>
        (
          globalThis as unknown as {
            troveGraph: { renderedPosition(id: string): { x: number; y: number } | null };
          }
        ).troveGraph.renderedPosition(id),
      id,
    );
    const box = await page.locator('.graph-canvas').boundingBox();
    if (!at || !box) throw new Error(`${id} is not on the graph`);
    return { x: box.x + at.x, y: box.y + at.y };
  }
  const marker = (page: Page, name: RegExp): Locator =>
    page.locator('.map-marker').filter({ has: page.getByRole('button', { name }) });
  const listRow = (page: Page, name: string): Locator =>
    page
      .getByRole('region', { name: 'Graph as list' })
      .locator('.list-entity')
      .filter({ has: page.getByRole('button', { name, exact: true }) });
  const hasClass = async (locator: Locator, cls: string) =>
    ((await locator.getAttribute('class')) ?? '').split(/\s+/).includes(cls);

  it('makes a selection in any view the selection in all three', async () => {
    const page = await open('map=1&list=1');
    const melbourne = marker(page, /^Melbourne \(/).getByRole('button');
    const unitedStates = marker(page, /^United States \(/).getByRole('button');

    // From the list.
    await listRow(page, 'Melbourne').getByRole('button', { name: 'Melbourne', exact: true }).click();
    await expect.poll(() => melbourne.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => graphHas(page, 'melbourne', 'selected-node')).toBe(true);

    // From the map.
    await unitedStates.locator('circle').click();
    await expect.poll(() => hasClass(listRow(page, 'United States'), 'list-entity--selected')).toBe(true);
    await expect.poll(() => graphHas(page, 'united-states', 'selected-node')).toBe(true);
    expect(await melbourne.getAttribute('aria-pressed')).toBe('false');

    // From the graph.
    await graphSettled(page);
    const at = await nodeOnScreen(page, 'melbourne');
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => melbourne.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => hasClass(listRow(page, 'Melbourne'), 'list-entity--selected')).toBe(true);
    expect(await unitedStates.getAttribute('aria-pressed')).toBe('false');
    expect(problems).toEqual([]);
    await page.close();
  });
});
