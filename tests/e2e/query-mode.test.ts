import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { usePageSuite } from '../support/page-suite.js';

// The analyst's first minutes in Query mode (issue 16, item 7), in Chromium against the real API.
describe('query mode', () => {
  const suite = usePageSuite();
  const pageErrors: string[] = [];

  async function open(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await suite.browser.newPage({ viewport, reducedMotion: 'reduce', acceptDownloads: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${suite.app.url}/?page=query`);
    await workbench(page).waitFor({ timeout: 20_000 });
    return page;
  }

  const workbench = (page: Page) => page.getByRole('complementary', { name: 'Query workbench' });
  const results = (page: Page) => page.getByRole('region', { name: 'Query results' });
  const editor = (page: Page) => page.getByRole('textbox', { name: 'Cypher query' });

  async function runTyped(page: Page, query: string): Promise<void> {
    await editor(page).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(query);
    await page.keyboard.press('Control+Enter');
  }

  it('runs the example in one click and exports flat, readable CSV', async () => {
    const page = await open();
    await workbench(page).getByRole('button', { name: 'Try an example' }).click();
    await results(page)
      .getByText(/Query: \d+ rows?/)
      .waitFor({ timeout: 20_000 });
    expect(await editor(page).textContent()).toMatch(/^MATCH/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      results(page).getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const [header, first] = csv.split('\r\n');
    // Nodes and relationships as columns a spreadsheet can sort, not JSON blobs.
    expect(header).toBe('p.id,p.name,p.kind,r.type,r.from,r.to,o.id,o.name,o.kind');
    expect(first).toMatch(
      /^[a-z0-9-]+,[^,]+,Person,[A-Z_]+,[a-z0-9-]+,[a-z0-9-]+,[a-z0-9-]+,[^,]+,Organization$/,
    );
    expect(csv).not.toContain('{');
    await page.close();
  });

  it('closes the completion when the query runs', async () => {
    const page = await open();
    await editor(page).click();
    await page.keyboard.type('MATCH (p:Pers');
    await page.locator('.cm-tooltip-autocomplete').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+Enter');
    await results(page).or(workbench(page).getByRole('alert')).first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.cm-tooltip-autocomplete').count()).toBe(0);
    await page.close();
  });

  it("shows Neo4j's warning for an unknown label, and a refused write in plain words", async () => {
    const page = await open();
    await runTyped(page, 'MATCH (p:Persn) RETURN p');
    await results(page)
      .getByText(/Query: 0 rows/)
      .waitFor({ timeout: 20_000 });
    const warnings = results(page).getByRole('status', { name: 'Neo4j warnings' });
    expect(await warnings.textContent()).toMatch(/label is not in the database.*Persn/s);

    await runTyped(page, 'CREATE (n:Probe) RETURN n');
    const refusal = workbench(page).getByRole('alert');
    await refusal.waitFor({ timeout: 20_000 });
    expect(await refusal.textContent()).toMatch(/This console only reads; CREATE would change the graph/);
    expect(await refusal.textContent()).not.toMatch(/query type/);
    await page.close();
  });

  it('draws 1,000 rows by drawing only those in view, inside the panel', async () => {
    const page = await open();
    await runTyped(page, 'UNWIND range(1, 1000) AS i RETURN i, i * 2 AS twice');
    await results(page)
      .getByText(/Query: 1000 rows/)
      .waitFor({ timeout: 30_000 });
    const rows = results(page).locator('tbody tr:not(.wb-spacer)');
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(200);
    // The table scrolls inside the workbench; scrolling to the end draws the last rows.
    const wrap = results(page).locator('.wb-table-wrap');
    const box = await wrap.boundingBox();
    const panel = await workbench(page).boundingBox();
    expect(box && panel && box.x + box.width <= panel.x + panel.width + 1).toBe(true);
    await wrap.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect.poll(() => results(page).getByRole('cell', { name: '1000', exact: true }).count()).toBe(1);
    await screenshot(page, 'query-mode-1000-rows');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
