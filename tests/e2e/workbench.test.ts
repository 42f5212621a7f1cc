import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { getDriver } from '../support/neo4j.js';
import { usePageSuite } from '../support/page-suite.js';

// The analyst's workbench in Chromium, against the real API and the seeded article.
describe('the query workbench', () => {
  // A long console timeout, so that only Cancel can stop the slow query below.
  const suite = usePageSuite({ env: { QUERY_TIMEOUT_MS: '60000' } });
  const pageErrors: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await suite.browser.newPage({
      viewport: { width: 1500, height: 940 },
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${suite.app.url}${path}`);
    if (path.includes('page=query'))
      await page.getByRole('complementary', { name: 'Query workbench' }).waitFor({ timeout: 15_000 });
    return page;
  }

  const workbench = (page: Page) => page.getByRole('complementary', { name: 'Query workbench' });
  const results = (page: Page) => page.getByRole('region', { name: 'Query results' });
  const graphCount = (page: Page) =>
    page.getByRole('region', { name: 'Relationship graph' }).locator('.graph-counts').textContent();

  async function downloadText(download: Download): Promise<string> {
    const path = await download.path();
    return readFileSync(path, 'utf8');
  }

  it('runs a template for an entity picked by name, as a table and in the graph, and exports CSV', async () => {
    const page = await open('/');
    await page.getByRole('button', { name: 'Query', exact: true }).click();
    await workbench(page).getByRole('tab', { name: 'Templates' }).click();
    await workbench(page).getByRole('combobox', { name: 'Template' }).selectOption('neighbourhood');
    const box = workbench(page).getByRole('combobox', { name: 'Entity' });
    await box.fill('Chen Quang');
    const option = page.getByRole('listbox', { name: 'Entity: suggestions' }).getByRole('option');
    await option
      .filter({ hasText: /^Chen Quanguo/ })
      .first()
      .click();
    expect(page.url()).toContain('tpl=neighbourhood');
    expect(page.url()).toContain('tv=x:chen-quanguo');
    await workbench(page).getByRole('button', { name: 'Run template' }).click();

    await results(page)
      .getByText(/Everything within N hops: \d+ rows/)
      .waitFor({ timeout: 15_000 });
    // Drawn rows: the table draws those in view (and a few around), never its spacer rows.
    const rows = results(page).locator('tbody tr:not(.wb-spacer)');
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await rows.first().locator('td').first().textContent()).toBe('chen-quanguo');
    await screenshot(page, 'workbench-table');

    // Sorting by a header reorders the rows; a second click reverses them.
    await results(page).getByRole('button', { name: 'name' }).click();
    await results(page).getByRole('button', { name: 'name' }).click();
    expect(await results(page).getByRole('columnheader', { name: /name/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );

    await results(page).getByRole('button', { name: 'Show in graph' }).click();
    // Every row's entity, drawn or not yet scrolled to: the summary counts them all.
    const summary = (await results(page).locator('.wb-summary').textContent()) ?? '';
    const nodes = Number(/(\d+) rows?/.exec(summary)?.[1]);
    await expect.poll(() => graphCount(page)).toMatch(new RegExp(`Showing ${nodes} nodes`));
    await page.waitForTimeout(800);
    await screenshot(page, 'workbench-graph');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      results(page).getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('trove-results.csv');
    const csv = (await downloadText(download)).split('\r\n');
    // The node column is flattened to readable columns, like the scalars beside it.
    expect(csv[0]).toBe('id,name,kind,hops,entity.id,entity.name,entity.kind,relationships');
    expect(csv.some((line) => line.startsWith('chen-quanguo,Chen Quanguo,Person,0,'))).toBe(true);
    expect(csv).toHaveLength(nodes + 1);

    // "Open in explorer" on a row goes back to the explorer with that entity in the details.
    await rows
      .filter({ has: page.getByRole('cell', { name: 'chen-quanguo', exact: true }) })
      .getByRole('button', { name: /Open .* in explorer/ })
      .click();
    await page
      .getByRole('region', { name: 'Details' })
      .getByRole('heading', { name: 'Chen Quanguo' })
      .waitFor();
    await page.close();
  });

  it('exports the graph as GraphML with every node of /api/graph', async () => {
    const page = await open('/?page=query&wb=export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      workbench(page).getByRole('link', { name: 'Download GraphML' }).click(),
    ]);
    const xml = await downloadText(download);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        broken: doc.getElementsByTagName('parsererror').length > 0,
        nodes: doc.getElementsByTagName('node').length,
        edges: doc.getElementsByTagName('edge').length,
      };
    }, xml);
    const graph = (await (await fetch(`${suite.app.url}/api/graph`)).json()) as {
      nodes: unknown[];
      edges: unknown[];
    };
    expect(parsed).toEqual({ broken: false, nodes: graph.nodes.length, edges: graph.edges.length });
    await page.close();
  });

  it('shows a syntax error with its position marked in the editor', async () => {
    const page = await open(`/?page=query&cypher=${encodeURIComponent('MATCH (n:Person)\nRETRUN n.name')}`);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    const alert = workbench(page).getByRole('alert');
    await alert.getByText(/at line 2, column 1/).waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toMatch(/Invalid input 'RETRUN'/);
    expect(await page.locator('.cm-error-mark').textContent()).toBe('RETRUN');
    await screenshot(page, 'workbench-error');
    // The query is kept in the history, most recent first.
    await workbench(page)
      .getByText(/History \(\d+\)/)
      .click();
    expect(
      await workbench(page)
        .getByRole('list', { name: /Query history/ })
        .getByRole('listitem')
        .first()
        .textContent(),
    ).toContain('RETRUN');
    await page.close();
  });

  it('cancels a long query, in the page and in the database', async () => {
    const slow = 'UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)';
    const page = await open(`/?page=query&cypher=${encodeURIComponent(slow)}`);
    await workbench(page).getByRole('button', { name: 'Run', exact: true }).click();
    await workbench(page)
      .getByText(/Running query/)
      .waitFor();
    const running = async () =>
      (
        await getDriver().executeQuery(
          'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery = $slow RETURN count(*) AS n',
          { slow },
        )
      ).records[0]!.get('n').toNumber() as number;
    await expect.poll(running, { timeout: 10_000 }).toBe(1);
    await workbench(page).getByRole('button', { name: 'Cancel' }).click();
    await workbench(page)
      .getByText(/Query cancelled/)
      .waitFor({ timeout: 5_000 });
    await expect.poll(running, { timeout: 3_000 }).toBe(0);
    await page.close();
  });

  it('ranks entities by metrics, styles the graph by them, and shows the schema', async () => {
    const page = await open('/?page=query&wb=metrics');
    const ranked = workbench(page).getByRole('table', { name: 'Entities ranked by the chosen metric' });
    await ranked.locator('tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await ranked.locator('tbody tr').count()).toBe(25);
    await workbench(page).getByRole('button', { name: 'Style the graph by these metrics' }).click();
    await page.waitForTimeout(800);
    await screenshot(page, 'workbench-metrics');
    await workbench(page).getByRole('tab', { name: 'Schema' }).click();
    const schema = workbench(page).getByRole('table', { name: 'Relationship types by the kinds they join' });
    await schema.locator('tbody tr').first().waitFor({ timeout: 10_000 });
    expect(await schema.locator('tbody tr').count()).toBeGreaterThan(5);
    await screenshot(page, 'workbench-schema');
    expect(page.url()).toContain('wb=schema');
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
