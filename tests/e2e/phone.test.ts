import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { graphSettled } from '../support/labels.js';
import { usePageSuite } from '../support/page-suite.js';

const PHONE = { width: 390, height: 844 };
const BUILT_IN = 'the-xinjiang-papers';

/** The page on a phone: nothing off screen, the side panel as a bottom sheet, still accessible. */
describe('on a phone (390×844)', () => {
  const suite = usePageSuite();
  const pageErrors: string[] = [];

  async function open(path: string, viewport = PHONE): Promise<Page> {
    const page = await suite.browser.newPage({
      viewport,
      reducedMotion: 'reduce',
      bypassCSP: true,
      hasTouch: true,
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${suite.app.url}${path}${path.includes('?') ? '&' : '?'}bench`);
    return page;
  }

  /** Nothing sticks out sideways, and every control the user needs lies inside the window. */
  async function fitsTheWidth(page: Page, controls: string[]): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const name of controls) {
      const box = await page.getByRole('button', { name, exact: true }).first().boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x, name).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(PHONE.width);
    }
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    await page.addScriptTag({ path: join(process.cwd(), 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(ctx: Document): Promise<{
              violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    });
    expect(violations, name).toEqual([]);
  }

  it('shows the graph, the header controls and the side panel as a sheet that rises on a choice', async () => {
    const page = await open('/');
    await graphSettled(page);
    await fitsTheWidth(page, ['Explore', 'Query', 'Whole graph']);
    const search = await page.getByRole('combobox', { name: 'Search entities' }).boundingBox();
    expect(search!.x + search!.width).toBeLessThanOrEqual(PHONE.width);
    // The sheet peeks with its tabs below the graph, which is not drawn under it.
    const sheet = page.locator('.side-sheet');
    const peek = (await sheet.boundingBox())!;
    expect(peek.y + peek.height).toBeCloseTo(PHONE.height, 0);
    expect(peek.height).toBeLessThan(PHONE.height / 3);
    await page.getByRole('tab', { name: 'Details' }).waitFor();
    const canvas = (await page.getByRole('application', { name: 'Graph canvas' }).boundingBox())!;
    expect(canvas.y + canvas.height).toBeLessThanOrEqual(peek.y + 1);
    await screenshot(page, 'phone-landing');
    await expectAccessible(page, 'phone landing');

    await page.getByRole('combobox', { name: 'Search entities' }).fill('Chen Quanguo');
    await page
      .getByRole('listbox', { name: 'Search entities: suggestions' })
      .getByRole('option', { name: /^Chen Quanguo/ })
      .first()
      .click();
    const details = page.getByRole('tabpanel', { name: 'Details' });
    await details.getByRole('heading', { name: 'Chen Quanguo', level: 2 }).waitFor();
    await expect.poll(async () => (await sheet.boundingBox())!.height).toBeGreaterThan(PHONE.height / 3);
    // The sheet can be raised further and lowered again from its button.
    await page.getByRole('button', { name: 'Expand panel' }).click();
    await expect.poll(async () => (await sheet.boundingBox())!.height).toBeGreaterThan(PHONE.height * 0.8);
    await page.getByRole('button', { name: 'Lower panel' }).click();
    await expect.poll(async () => (await sheet.boundingBox())!.height).toBeLessThan(PHONE.height / 3);
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect.poll(async () => (await sheet.boundingBox())!.height).toBeGreaterThan(PHONE.height / 3);
    await screenshot(page, 'phone-details');
    await expectAccessible(page, 'phone details');
    await page.close();
  });

  it('presents a story with the graph above the caption and the buttons on screen', async () => {
    const page = await open(`/?story=${BUILT_IN}&step=3&present=1`);
    const show = page.getByRole('region', { name: 'Presentation' });
    await show.waitFor();
    await graphSettled(page);
    await fitsTheWidth(page, ['Next →', '← Previous']);
    const caption = (await show.boundingBox())!;
    const canvas = (await page.getByRole('application', { name: 'Graph canvas' }).boundingBox())!;
    // The graph fills the stage above the caption.
    expect(canvas.y + canvas.height).toBeLessThanOrEqual(caption.y + 1);
    expect(canvas.height).toBeGreaterThan(PHONE.height * 0.4);
    await expectAccessible(page, 'phone presentation');
    await page.close();
  });

  it('embeds a story step that fits the frame', async () => {
    const page = await open(`/embed?story=${BUILT_IN}&step=3`);
    await graphSettled(page);
    await fitsTheWidth(page, ['Next →']);
    await expectAccessible(page, 'phone embed');
    await page.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
