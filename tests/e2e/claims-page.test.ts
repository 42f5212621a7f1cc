// Claims on the page with two sources loaded (the article plus seed/fixtures/contested-source.yaml):
// a reader must see, for every quote, whose words they are, how they are put and in which source;
// open that source (not "the article") from the quote; see that two sources back a link and that
// a contested link's sides disagree; switch the reader between the sources that mention an entity;
// and find each list-view sentence's sources beside it.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../seed/src/index.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';
import { openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

const fixture = fileURLToPath(new URL('../../seed/fixtures/contested-source.yaml', import.meta.url));
const SECOND = 'A Second Look at the Leaked Papers';
const ARTICLE = 'No Mercy in Xinjiang';
// The machine is shared and slow: the page may take seconds to load an entity or a source.
const SLOW = { timeout: 20_000 };

describe('claims on the page, with a second source', () => {
  const suite = usePageSuite({
    prepare: async () => {
      await resetToArticle(getDriver());
      await loadDataset(getDriver(), fixture);
    },
  });
  const problems: string[] = [];

  afterAll(async () => {
    await resetToArticle(getDriver());
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  /** A page once its graph has loaded (the first load on a busy machine can take half a minute). */
  async function open(path: string, width = 1280, height = 800): Promise<Page> {
    const page = await openStrictPage(suite.browser, `${suite.app.url}${path}`, problems, {
      viewport: { width, height },
    });
    await page
      .getByText(/Graph ready · \d+ entities/)
      .first()
      .waitFor({ timeout: 60_000 });
    return page;
  }

  const details = (page: Page) => page.getByRole('region', { name: 'Details' });

  it(
    'shows a link with two sources, each quote with its voice, stance and source',
    { timeout: 120_000 },
    async () => {
      // The first page of a run waits for a cold server; a link's details are read on a warm one.
      await (await open('/')).close();
      const page = await open('/?edge=chen-quanguo-appointed-to-xinjiang');
      const panel = details(page);
      await expect.poll(() => panel.locator('.claims-summary').textContent(), SLOW).toContain('2 sources');
      const metas = await panel.locator('.claim-meta').allTextContents();
      expect(metas).toEqual([
        `The source's own voice · reported · ${SECOND}, Trove test fixture, 2019-11-18`,
        `The source's own voice · reported · ${ARTICLE}, Unknown (blog repost)`,
      ]);
      // The link itself is put in both sources' own voice, not "by the article itself".
      const attribution = await panel.locator('.rel-meta').first().textContent();
      expect(attribution).toContain(`${SECOND} itself`);
      expect(attribution).toContain(`${ARTICLE} itself`);
      expect(await panel.textContent()).not.toMatch(/the article itself|Read in article/);

      // Each quote opens its own source, marked at the quote.
      const actions = await panel.locator('.quote-action').allTextContents();
      expect(actions).toEqual([`Read in ${SECOND} →`, `Read in ${ARTICLE} →`]);
      await panel.locator('.quote').first().click();
      const reader = page.getByRole('region', { name: 'Article reader' });
      await expect.poll(() => reader.getByRole('heading', { level: 2 }).textContent(), SLOW).toBe(SECOND);
      // The quote is marked piece by piece (mentions inside it are buttons of their own).
      expect((await reader.locator('mark').allTextContents()).join('')).toBe(
        'Chen Quanguo was appointed party chief in Xinjiang in 2016.',
      );
      await panel.locator('.quote').nth(1).click();
      await expect.poll(() => reader.getByRole('heading', { level: 2 }).textContent(), SLOW).toBe(ARTICLE);
      await page.close();
    },
  );

  it('sets a contested link’s sides against each other, with who says what', async () => {
    const page = await open('/?edge=chinese-government-operates-internment-camps');
    const panel = details(page);
    await expect.poll(() => panel.locator('.claims-summary').textContent(), SLOW).toContain('contested');
    const versus = await panel.getByLabel('The claims side by side').textContent();
    expect(versus).toContain(`${SECOND} reported: The Chinese government operates the internment camps.`);
    expect(versus).toContain('Chinese government denied: Officials of the Chinese government deny');
    expect(await panel.locator('.rel-meta').first().textContent()).toMatch(/^Contested between /);
    expect(
      await panel.getByRole('region', { name: 'Claims: reported' }).locator('.claim-meta').allTextContents(),
    ).toEqual([`The source's own voice · reported · ${SECOND}, Trove test fixture, 2019-11-18`]);
    expect(
      await panel.getByRole('region', { name: 'Claims: denied' }).locator('.claim-meta').allTextContents(),
    ).toEqual([
      `Chinese government · denied · ${SECOND}, Trove test fixture, 2019-11-18`,
      `Chinese government · denied · ${ARTICLE}, Unknown (blog repost)`,
    ]);
    await page.close();
  });

  it('counts mentions per source and switches the reader between them', async () => {
    const page = await open('/?sel=chen-quanguo');
    const panel = details(page);
    await expect.poll(() => panel.textContent(), SLOW).toMatch(/Mentioned \d+ times in 2 sources/);
    await panel.locator('.mention-sources li', { hasText: SECOND }).getByRole('button').click();
    const reader = page.getByRole('region', { name: 'Article reader' });
    await expect.poll(() => reader.getByRole('heading', { level: 2 }).textContent(), SLOW).toBe(SECOND);
    const switcher = reader.getByRole('navigation', { name: 'Sources that mention the selected entity' });
    await switcher.getByRole('button', { name: new RegExp(`^${ARTICLE}`) }).click();
    await expect.poll(() => reader.getByRole('heading', { level: 2 }).textContent(), SLOW).toBe(ARTICLE);
    expect(await switcher.locator('[aria-current="true"]').textContent()).toMatch(new RegExp(`^${ARTICLE}`));
    await page.close();
  });

  it('cites the sources of every list-view sentence', async () => {
    const page = await open('/?sel=chen-quanguo&list=1');
    const list = page.getByRole('region', { name: 'Graph as list' });
    const entity = list.locator('.list-entity', {
      has: page.getByRole('button', { name: 'Chen Quanguo', exact: true }),
    });
    const sentence = entity
      .locator('.list-links li', { hasText: 'appointed party chief in Xinjiang in 2016' })
      .first();
    await expect.poll(() => sentence.locator('cite').textContent(), SLOW).toBe(`(${SECOND}; ${ARTICLE})`);
    const links = await list.locator('.list-links li').count();
    expect(await list.locator('.list-links li cite').count()).toBe(links);
    await page.close();
  });
});
