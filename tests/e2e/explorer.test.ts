import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientDist } from '../../client/build.js';
import { loadConfig } from '../../server/src/config.js';
import { createDriver } from '../../server/src/db/driver.js';
import { createLogger } from '../../server/src/logger.js';
import { listen, type RunningServer } from '../../server/src/server.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { usePageSuite } from '../support/page-suite.js';

// The explorer as a researcher uses it, in Chromium against the real API and the seeded article.
describe('the explorer page', () => {
  const suite = usePageSuite();
  const pageErrors: string[] = [];

  async function open(path = '/', viewport = { width: 1440, height: 900 }): Promise<Page> {
    const page = await suite.browser.newPage({ viewport, reducedMotion: 'reduce' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${suite.app.url}${path}`);
    return page;
  }

  const details = (page: Page) => page.getByRole('region', { name: 'Details' });
  const graphList = (page: Page) => page.getByRole('region', { name: 'Graph as list' });
  const reader = (page: Page) => page.getByRole('region', { name: 'Article reader' });

  async function graphReady(page: Page): Promise<void> {
    await page
      .getByRole('region', { name: 'Relationship graph' })
      .getByText(/Showing [1-9]\d* nodes?/)
      .waitFor({ timeout: 20_000 });
  }

  /** Types into a combobox, waits for the suggestion, and chooses it with the keyboard. */
  async function choose(page: Page, box: string, text: string, name: string): Promise<void> {
    const input = page.getByRole('combobox', { name: box });
    await input.fill(text);
    const options = page.getByRole('listbox', { name: `${box}: suggestions` }).getByRole('option');
    await options
      .filter({ hasText: new RegExp(`^${name}`) })
      .first()
      .waitFor({ timeout: 10_000 });
    // Move the active option to the wanted one with the arrow keys, as a keyboard user would.
    const names = await options.allTextContents();
    const index = names.findIndex((n) => n.startsWith(name));
    expect(index).toBeGreaterThanOrEqual(0);
    // Nothing is pre-chosen: the first ↓ reaches the first suggestion.
    expect(await options.first().getAttribute('aria-selected')).toBe('false');
    for (let i = 0; i <= index; i += 1) await input.press('ArrowDown');
    expect(await options.nth(index).getAttribute('aria-selected')).toBe('true');
    await input.press('Enter');
  }

  it('opens on the whole article graph with a hint on how to explore', async () => {
    const page = await open();
    await page
      .getByRole('status')
      .filter({ hasText: /Graph ready · \d+ entities, \d+ links/ })
      .waitFor();
    await graphReady(page);
    await expect.poll(() => page.getByRole('note').textContent()).toMatch(/Search for a name above/);
    expect(await details(page).getByRole('heading', { level: 2 }).textContent()).toBe('Nothing selected');
    // The empty details panel offers the most connected entities as places to start.
    expect(await details(page).getByRole('listitem').count()).toBeGreaterThan(2);
    await page.waitForTimeout(400);
    await screenshot(page, 'explorer-initial');
    await page.close();
  });

  it('finds Chen Quanguo by search and shows his details with evidence', async () => {
    const page = await open();
    await graphReady(page);
    await choose(page, 'Search entities', 'chen q', 'Chen Quanguo');
    await details(page).getByRole('heading', { name: 'Chen Quanguo', level: 2 }).waitFor();
    await details(page)
      .getByText(/Relationships \(\d+\)/)
      .waitFor();
    const text = await details(page).textContent();
    expect(text).toContain('Party chief in Xinjiang');
    expect(text).toMatch(/Relationships \(\d+\)/);
    expect(await details(page).locator('.quote').count()).toBeGreaterThan(0);
    // Choosing from the search adds the entity to the view (here the whole article) and selects it.
    expect(page.url()).toContain('sel=chen-quanguo');
    await graphReady(page);
    await page.waitForTimeout(400);
    await screenshot(page, 'explorer-details');
    await page.close();
  });

  it('says so when nothing matches and offers other spellings', async () => {
    const page = await open();
    await page.getByRole('combobox', { name: 'Search entities' }).fill('Mandela');
    await page.getByText(/No entity matches “Mandela”/).waitFor({ timeout: 10_000 });
    expect(await page.getByText(/Try another spelling/).count()).toBe(1);
    await page.close();
  });

  it('expands a node and lists its new neighbours in the list view', async () => {
    const page = await open('/?view=explore&seeds=chen-quanguo&exp=chen-quanguo:10&sel=chen-quanguo');
    await graphReady(page);
    await page.getByRole('button', { name: 'List view' }).click();
    const list = graphList(page);
    await list.getByRole('button', { name: 'Chinese Communist Party', exact: true }).first().waitFor();
    expect(await list.getByRole('button', { name: 'Wang Yongzhi', exact: true }).count()).toBe(0);

    await list.getByRole('button', { name: 'Expand Chinese Communist Party' }).click();
    await list
      .getByRole('button', { name: 'Wang Yongzhi', exact: true })
      .first()
      .waitFor({ timeout: 15_000 });
    // Each entity's links are sentences (the link's own description), so the list reads without
    // the picture.
    expect(await list.textContent()).toContain('The party punished Wang Yongzhi.');
    expect(page.url()).toContain('chinese-communist-party');

    // Collapsing takes the neighbours that came only with the expansion away again.
    await list.getByRole('button', { name: 'Collapse Chinese Communist Party' }).click();
    await expect.poll(() => list.getByRole('button', { name: 'Wang Yongzhi', exact: true }).count()).toBe(0);
    await list.getByRole('button', { name: 'Expand Chinese Communist Party' }).click();
    await list
      .getByRole('button', { name: 'Wang Yongzhi', exact: true })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(400);
    await screenshot(page, 'explorer-list');
    await page.close();
  });

  it('shows more neighbours on request instead of loading them all', async () => {
    const page = await open(
      '/?view=explore&seeds=internment-camps&exp=internment-camps:10&sel=internment-camps',
    );
    const counts = page.getByRole('region', { name: 'Relationship graph' }).getByText(/^Showing/);
    const more = page.getByRole('button', { name: /^Show more \(10 of \d+\)/ });
    await more.waitFor({ timeout: 15_000 });
    expect(await counts.textContent()).toMatch(/^Showing 11 nodes/);
    await more.click();
    await expect
      .poll(async () => Number(/Showing (\d+)/.exec((await counts.textContent()) ?? '')?.[1]))
      .toBeGreaterThan(11);
    expect(page.url()).toContain('exp=internment-camps:20');
    await page.close();
  });

  it('can be driven from the keyboard on the graph itself', async () => {
    const page = await open();
    await graphReady(page);
    await page.getByRole('application', { name: 'Graph canvas' }).focus();
    await page.keyboard.press('ArrowRight');
    const heading = details(page).getByRole('heading', { level: 2 });
    await expect.poll(() => heading.textContent()).not.toBe('Nothing selected');
    const name = await heading.textContent();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('view=explore');
    await page
      .getByRole('group', { name: `Actions for ${name}` })
      .getByRole('button', { name: 'Collapse' })
      .waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => heading.textContent()).toBe('Nothing selected');
    await page.close();
  });

  it('finds a path from Wang Yongzhi to Xi Jinping and explains it link by link', async () => {
    const page = await open();
    await graphReady(page);
    await page.getByRole('tab', { name: 'Paths' }).click();
    await choose(page, 'Path from', 'Wang Yong', 'Wang Yongzhi');
    await choose(page, 'Path to', 'Xi Jinping', 'Xi Jinping');
    const finder = page.getByRole('region', { name: 'Path finder' });
    await finder.getByRole('heading', { name: /Path 1/ }).waitFor({ timeout: 15_000 });
    const first = finder.locator('.path-card').first();
    const steps = await first.locator('.path-sentence').allTextContents();
    expect(steps.length).toBeGreaterThan(0);
    expect(steps[0]).toMatch(/^Wang Yongzhi\s*[—←]/);
    expect(steps.at(-1)).toMatch(/Xi Jinping$/);
    for (const step of steps) expect(step).toMatch(/— .+ →|← .+ —/);
    // Every link of the explanation carries the quote that supports it.
    expect(await first.locator('.quote').count()).toBe(steps.length);
    expect(page.url()).toMatch(/pfrom=wang-yongzhi.*pto=xi-jinping/);
    await page.waitForTimeout(500);
    await screenshot(page, 'explorer-path');
    await page.close();
  });

  it('opens the article at a quote, marked, and selects an entity from a mention', async () => {
    const page = await open('/?view=explore&seeds=chen-quanguo&exp=chen-quanguo:10&sel=chen-quanguo');
    await details(page).getByRole('heading', { name: 'Chen Quanguo' }).waitFor();
    const quote = details(page).locator('.quote').first();
    const quoted = (await quote.locator('.quote-text').textContent()) ?? '';
    await quote.click();
    const article = reader(page);
    await article.locator('mark').first().waitFor({ timeout: 10_000 });
    const marked = (await article.locator('mark').allTextContents()).join('');
    expect(marked).toBe(quoted);
    expect(await article.locator('mark').first().isVisible()).toBe(true);
    expect(page.url()).toMatch(/src=no-mercy-in-xinjiang.*mark=\d+-\d+/);
    await page.waitForTimeout(400);
    await screenshot(page, 'explorer-reader');

    // A mention in the article selects its entity on the graph.
    await article.getByRole('button', { name: 'Tibet', exact: true }).first().click();
    await details(page).getByRole('heading', { name: 'Tibet', level: 2 }).waitFor();
    expect(page.url()).toContain('sel=tibet');
    await page.close();
  });

  it('reopens the same view from a copied link', async () => {
    const page = await open('/?view=explore&seeds=chen-quanguo&exp=chen-quanguo:10&sel=chen-quanguo');
    await details(page).getByRole('heading', { name: 'Chen Quanguo' }).waitFor();
    await details(page).locator('.quote').nth(1).click();
    await reader(page).locator('mark').first().waitFor();
    await page.getByRole('button', { name: 'List view' }).click();
    await graphList(page).waitFor();
    const link = page.url();
    const marked = (await reader(page).locator('mark').allTextContents()).join('');
    await page.close();

    const again = await open(link.replace(suite.app.url, ''));
    await details(again).getByRole('heading', { name: 'Chen Quanguo', level: 2 }).waitFor();
    await reader(again).locator('mark').first().waitFor();
    expect((await reader(again).locator('mark').allTextContents()).join('')).toBe(marked);
    await graphList(again).getByRole('button', { name: 'Chen Quanguo', exact: true }).first().waitFor();
    expect(await again.getByRole('button', { name: 'List view' }).getAttribute('aria-pressed')).toBe('true');
    expect(again.url()).toBe(link);
    await again.close();
  });

  it('restores earlier views with Back and Forward', async () => {
    const page = await open();
    await graphReady(page);
    await choose(page, 'Search entities', 'Chen Quanguo', 'Chen Quanguo');
    await details(page).getByRole('heading', { name: 'Chen Quanguo', level: 2 }).waitFor();
    await details(page).getByRole('button', { name: 'Xinjiang', exact: true }).first().click();
    await details(page).getByRole('heading', { name: 'Xinjiang', level: 2 }).waitFor();
    await page.getByRole('tab', { name: 'Filters' }).click();
    await page.getByRole('region', { name: 'Filters' }).waitFor();

    await page.goBack();
    await details(page).getByRole('heading', { name: 'Xinjiang', level: 2 }).waitFor();
    await page.goBack();
    await details(page).getByRole('heading', { name: 'Chen Quanguo', level: 2 }).waitFor();
    await page.goBack();
    await details(page).getByRole('heading', { name: 'Nothing selected' }).waitFor();
    await page.goForward();
    await details(page).getByRole('heading', { name: 'Chen Quanguo', level: 2 }).waitFor();
    await page.goForward();
    await details(page).getByRole('heading', { name: 'Xinjiang', level: 2 }).waitFor();
    await page.close();
  });

  it('filters the graph by kind and says how much is shown', async () => {
    const page = await open('/?tab=filters');
    await graphReady(page);
    const counts = page.getByRole('region', { name: 'Filters' }).getByText(/^Showing/);
    await counts.waitFor();
    const before = await counts.textContent();
    await page.getByRole('checkbox', { name: /Events/ }).uncheck();
    await expect.poll(() => counts.textContent()).not.toBe(before);
    expect(await counts.textContent()).toMatch(/Showing \d+ nodes of \d+/);
    expect(page.url()).toContain('xk=Event');
    await page.close();
  });

  it('has a dark theme and works at 1280 px wide', async () => {
    const page = await open('/?view=explore&seeds=xi-jinping&exp=xi-jinping:10&sel=xi-jinping', {
      width: 1280,
      height: 800,
    });
    await details(page).getByRole('heading', { name: 'Xi Jinping', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await graphReady(page);
    // Nothing of the page may hang off its right edge at the narrowest supported width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.waitForTimeout(500);
    await screenshot(page, 'explorer-dark-1280');
    // The choice is remembered for the next visit.
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('the explorer page while the database is down', () => {
  let down: RunningServer;
  let browser: Browser;
  const driver = createDriver({ uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: '' });

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    down = await listen(
      { driver, config, logger: createLogger('silent') },
      { host: '127.0.0.1', port: 0, clientDir: clientDist },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await down?.close(1_000);
    await driver.close();
  });

  it('still answers, says the database is down, and tells the user what to do', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${down.url}/?sel=chen-quanguo`);
    await page
      .getByRole('status')
      .filter({ hasText: /graph is unreachable/ })
      .waitFor({ timeout: 15_000 });
    const graph = page.getByRole('region', { name: 'Relationship graph' });
    await graph.getByRole('heading', { name: 'The database is unavailable' }).waitFor({ timeout: 15_000 });
    expect(await graph.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await page
      .getByRole('region', { name: 'Details' })
      .getByText(/could not be loaded/)
      .waitFor();

    await page.getByRole('combobox', { name: 'Search entities' }).fill('Chen');
    await page.getByText(/Search failed: The database is unavailable/).waitFor({ timeout: 10_000 });
    await screenshot(page, 'explorer-database-down');
    expect(errors).toEqual([]);
    await page.close();
  });
});
