// The map and the timeline that plays, in Chromium under the page's real CSP: the map's outlines come
// from the page's own bundle (no tile server), its markers are buttons a keyboard reaches, selecting
// one shows its details, and playing the timeline moves the URL's playhead and thins the graph.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { expectAccessible, openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

describe('the map and the timeline', () => {
  const suite = usePageSuite();
  const problems: string[] = [];

  async function open(path: string, width = 1280, height = 800): Promise<Page> {
    const page = await openStrictPage(suite.browser, `${suite.app.url}${path}`, problems, {
      viewport: { width, height },
    });
    await page.locator('.map-country').first().waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('.map-marker-dot').first().waitFor({ state: 'attached', timeout: 30_000 });
    return page;
  }

  const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

  it('opens from the Map button, draws Natural Earth outlines and the places, and is axe-clean', async () => {
    const page = await openStrictPage(suite.browser, `${suite.app.url}/?bench`, problems, {
      viewport: { width: 1280, height: 800 },
    });
    // The first page of the run waits for a cold database: the slider appears with the graph's dates.
    await page.getByRole('button', { name: 'Map', exact: true }).click({ timeout: 120_000 });
    await page.locator('.map-marker-dot').first().waitFor({ state: 'attached', timeout: 30_000 });
    expect(param(page, 'map')).toBe('1');
    await page.locator('.map-country').first().waitFor({ state: 'attached', timeout: 30_000 });
    expect(await page.locator('.map-country').count()).toBeGreaterThan(150);
    await expect
      .poll(() => page.locator('.map-count').textContent())
      .toMatch(/\d+ entities at \d+ locations/);
    // The place the article cannot place is named, not dropped silently.
    expect(await page.locator('.map-notes').textContent()).toContain('Southwestern China');
    // At the world view Xinjiang, Tibet and Kunming crowd one corner of China: every marker stays
    // visible, none drawn over another.
    const discs = await page
      .locator('.map-marker-dot')
      .evaluateAll((dots) => dots.map((dot) => dot.getBoundingClientRect().toJSON() as DOMRect));
    expect(discs.length).toBeGreaterThan(2);
    for (const [i, a] of discs.entries())
      for (const b of discs.slice(i + 1)) {
        const apart = Math.hypot(
          a.x + a.width / 2 - b.x - b.width / 2,
          a.y + a.height / 2 - b.y - b.height / 2,
        );
        expect(apart).toBeGreaterThanOrEqual((a.width + b.width) / 2 - 0.5);
      }
    await expectAccessible(page, 'map');
    await screenshot(page, 'map-desktop');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('selects a place from the keyboard: the marker takes focus, Enter selects, the details show it', async () => {
    const page = await open('/?map=1');
    const melbourne = page.getByRole('button', { name: /^Melbourne \(somewhere in the city/ });
    await melbourne.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => param(page, 'sel')).toBe('melbourne');
    await expect
      .poll(() => page.locator('#panel-details h2, #panel-details h3').first().textContent())
      .toContain('Melbourne');
    expect(await melbourne.getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists the entities that share a location and selects the one chosen', async () => {
    const page = await open('/?map=1');
    // The marker's dot: its label lies beside it and takes no clicks.
    await page
      .getByRole('button', { name: /^Xinjiang, .*somewhere in the region/ })
      .locator('circle')
      .click();
    const popover = page.getByRole('group', { name: 'At Xinjiang' });
    await popover.getByRole('button', { name: 'Internment camps in Xinjiang' }).click();
    await expect.poll(() => param(page, 'sel')).toBe('internment-camps');
    await expectAccessible(page, 'map with a location open');
    await page.close();
  });

  it('plays the timeline: the URL playhead moves month by month and later things leave the graph', async () => {
    const page = await open('/?map=1');
    const count = () => page.locator('.timebar-count').textContent();
    const before = await count();
    await page.getByRole('button', { name: 'Play the timeline' }).click();
    await expect.poll(() => param(page, 't'), { timeout: 10_000 }).toMatch(/^\d{4}-\d{2}$/);
    const first = param(page, 't');
    await expect.poll(() => param(page, 't'), { timeout: 10_000 }).not.toBe(first);
    await page.getByRole('button', { name: 'Pause the timeline' }).click();
    const paused = param(page, 't');
    // The playhead starts at the first dated month, so what is dated later is not drawn.
    expect(await count()).not.toBe(before);
    expect(await page.locator('.timebar-label').textContent()).toMatch(/^By [A-Z][a-z]+ \d{4}/);
    await screenshot(page, 'map-played');
    // The window is in the URL: a reload shows the same playhead.
    await page.reload();
    await page.locator('.timebar-label').waitFor();
    expect(param(page, 't')).toBe(paused);
    await page.close();
  });

  it('fits a phone: the map takes the graph’s place and stays accessible', async () => {
    const page = await open('/?map=1&t=2016-06', 390, 844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('.map-frame').boundingBox()).toMatchObject({ width: expect.any(Number) });
    expect((await page.locator('.map-frame').boundingBox())!.width).toBeGreaterThan(300);
    await expectAccessible(page, 'map on a phone');
    await page.close();
  });
});
