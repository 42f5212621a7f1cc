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

  it('lights up what is hovered in one view in the other two', async () => {
    const page = await open('map=1&list=1');
    const melbourne = marker(page, /^Melbourne \(/);
    const row = listRow(page, 'Melbourne');

    // The pointer on a map marker: the graph lights the node up, the list its row.
    await melbourne.locator('circle').hover();
    await expect.poll(() => graphHas(page, 'melbourne', 'hover')).toBe(true);
    await expect.poll(() => hasClass(row, 'list-entity--hover')).toBe(true);
    // Off it: out everywhere.
    await page.mouse.move(5, 5);
    await expect.poll(() => graphHas(page, 'melbourne', 'hover')).toBe(false);
    await expect.poll(() => hasClass(row, 'list-entity--hover')).toBe(false);

    // The pointer on a graph node: its marker on the map.
    await graphSettled(page);
    const at = await nodeOnScreen(page, 'melbourne');
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => hasClass(melbourne, 'map-marker--hover')).toBe(true);
    await expect.poll(() => hasClass(row, 'list-entity--hover')).toBe(true);
    await page.mouse.move(5, 5);
    await expect.poll(() => hasClass(melbourne, 'map-marker--hover')).toBe(false);

    // The pointer on a list row: the marker and the node.
    await row.hover();
    await expect.poll(() => hasClass(melbourne, 'map-marker--hover')).toBe(true);
    await expect.poll(() => graphHas(page, 'melbourne', 'hover')).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters take markers off the map as they take nodes off the graph', async () => {
    const page = await open('map=1&tab=filters');
    const filters = page.getByRole('region', { name: 'Filters' });
    const melbourne = marker(page, /^Melbourne \(/);
    const markerNames = () =>
      page
        .locator('.map-marker [role="button"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    // The map's own count of the entities it places ("14 entities at 6 locations").
    const mapEntities = async () =>
      Number(/(\d+) entit/.exec((await page.locator('.map-count').textContent()) ?? '')?.[1] ?? NaN);
    const onGraph = (id: string) =>
      page.evaluate(
        (id) =>
          (
            globalThis as unknown as { troveGraph: { renderedPosition(id: string): unknown } }
          ).troveGraph.renderedPosition(id) !== null,
        id,
      );

    // Kinds: places off, and Melbourne leaves the graph and the map together.
    await filters.getByRole('checkbox', { name: /^Places/ }).uncheck();
    await expect.poll(() => melbourne.count()).toBe(0);
    await expect.poll(() => onGraph('melbourne')).toBe(false);
    await filters.getByRole('checkbox', { name: /^Places/ }).check();
    await expect.poll(() => melbourne.count()).toBe(1);

    // Relationship types: with none shown, every marker counts no links, as the graph draws none.
    const melbourneName = () => melbourne.getByRole('button').getAttribute('aria-label');
    expect(await melbourneName()).toMatch(/; [1-9]\d* links?\)$/);
    await filters.getByRole('button', { name: 'None', exact: true }).click();
    await expect.poll(melbourneName).toMatch(/; 0 links\)$/);
    await expect.poll(() => page.locator('.graph-counts').textContent()).toMatch(/\b0 links/);
    await expect
      .poll(async () =>
        (await markerNames()).filter((name) => /; \d+ links?\)$/.test(name) && !/; 0 links\)$/.test(name)),
      )
      .toEqual([]);
    await filters.getByRole('button', { name: 'All', exact: true }).click();
    await expect
      .poll(async () => (await markerNames()).some((name) => /; [1-9]\d* links?\)$/.test(name)))
      .toBe(true);

    // The time window: 2014 alone leaves out what the article dates later (the 2019 leak's events).
    const before = await mapEntities();
    await filters.getByLabel('Keep undated links and entities when a range is set').uncheck();
    await filters.getByRole('combobox', { name: 'From', exact: true }).selectOption('2014');
    await filters.getByRole('combobox', { name: 'to', exact: true }).selectOption('2014');
    await expect.poll(mapEntities).toBeLessThan(before);
    await expect.poll(() => melbourne.count()).toBe(0);
    // And the playhead: the article dates none of the entities it places, only links, so early in
    // 2014 the same entities are on the map with the links known by then (smaller markers).
    await page.goto(`${suite.app.url}/?bench&map=1&t=2014-01`);
    await page.locator('.map-marker-dot').first().waitFor({ state: 'attached' });
    await expect.poll(mapEntities).toBeGreaterThan(0);
    const early = await markerNames();
    await page.goto(`${suite.app.url}/?bench&map=1`);
    await page.locator('.map-marker-dot').first().waitFor({ state: 'attached' });
    await expect.poll(markerNames).not.toEqual(early);
    expect(problems).toEqual([]);
    await page.close();
  });
});
