// A researcher brings an article: pastes it, accepts a proposed entity with the keyboard, selects a
// sentence and adds a claim from it, publishes, and finds the new entity in the explorer's search.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { resetToArticle } from '../support/neo4j.js';
import { usePageSuite } from '../support/page-suite.js';

const ARTICLE = [
  'Zhu Hailun, a senior official, was appointed to Xinjiang in 2017, according to the Harbor Tribune.',
  'Mr. Zhu told Chen Quanguo that the Uyghurs in Kashgar were being watched.',
  'Zhu Hailun later met officials in Kashgar.',
].join(' ');
const QUOTE = 'Zhu Hailun, a senior official, was appointed to Xinjiang in 2017';

/** Selects `[start, end)` of the source text as a mouse would, across the highlighted marks. */
async function selectText(page: Page, start: number, end: number): Promise<void> {
  // A script as text: the test's own transform would wrap named functions in helpers the page lacks.
  await page.evaluate(
    `(() => {
  const pieces = [...document.querySelectorAll('.imp-text [data-start]')];
  const at = (offset) => {
    const piece = pieces.filter((p) => Number(p.dataset.start) <= offset).at(-1);
    return [piece.firstChild, offset - Number(piece.dataset.start)];
  };
  const range = document.createRange();
  range.setStart(...at(${start}));
  range.setEnd(...at(${end}));
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
})()`,
  );
}

describe('the Import view', () => {
  // A publish is a dataset load, which on a busy machine outlasts the shedder's deadline for reads.
  const suite = usePageSuite({
    env: { OVERLOAD_SERVICE_MS: '120000' },
    prepare: async () => {
      await resetToArticle();
    },
  });
  afterAll(async () => {
    await resetToArticle();
  });

  it('imports a pasted article, reviews it by keyboard, publishes it, and the explorer finds it', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(suite.app.url);
    await page.getByRole('group', { name: 'Page' }).getByRole('button', { name: 'Import' }).click();

    const form = page.getByRole('form', { name: 'Import a source' });
    await form.getByLabel('Title').fill('Zhu in Kashgar');
    await form.getByLabel('Publisher').fill('Harbor Tribune');
    await form.getByLabel('Date').fill('2019-11');
    await form.getByLabel('Text').fill(ARTICLE);
    await form.getByRole('button', { name: 'Import' }).click();

    const candidates = page.getByRole('listbox', { name: 'Candidate entities' });
    const zhu = candidates.getByRole('option').filter({ hasText: /^Zhu Hailun/ });
    await zhu.waitFor({ timeout: 30_000 });
    // Known entities are highlighted in the text; the look-alike is offered as a link with its reason.
    await expect(page.locator('.imp-mark--known', { hasText: 'Chen Quanguo' }).count()).resolves.toBe(1);
    await expect(
      candidates
        .getByRole('option')
        .filter({ hasText: /^Uyghurs/ })
        .textContent(),
    ).resolves.toContain('Looks like Uighurs');

    // A new place comes with the gazetteer's location, which the reviewer accepts with its button.
    const kashgar = candidates.getByRole('option').filter({ hasText: /^Kashgar/ });
    await expect(kashgar.textContent()).resolves.toContain('Kashgar, CN (city');
    await kashgar.getByRole('button', { name: 'Accept location of Kashgar' }).click();
    await kashgar.getByText('location accepted').waitFor({ timeout: 20_000 });

    await zhu.click();
    await zhu.press('a');
    await zhu.getByText('accept', { exact: true }).waitFor({ timeout: 20_000 });

    await selectText(page, 0, QUOTE.length);
    await page.keyboard.press('c');
    const claim = page.getByRole('form', { name: 'Add claim' });
    await expect(claim.getByText(`“${QUOTE}”`).count()).resolves.toBe(1);
    await claim.getByLabel('From', { exact: true }).selectOption('zhu-hailun');
    await claim.getByLabel('Relationship', { exact: true }).selectOption('APPOINTED_TO');
    await claim.getByLabel('To', { exact: true }).selectOption('xinjiang');
    await claim.getByLabel('Asserted by', { exact: true }).selectOption('');
    await expect(claim.getByLabel('Date start').inputValue()).resolves.toBe('2017');
    await claim.getByRole('button', { name: 'Save claim' }).click();
    await page.getByRole('heading', { name: 'Claims (1)' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'import-review');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Published: / })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Explore the graph' }).click();

    await page.getByRole('combobox', { name: 'Search entities' }).fill('Zhu Hailun');
    await page
      .getByRole('listbox', { name: 'Search entities: suggestions' })
      .getByRole('option')
      .filter({ hasText: /^Zhu Hailun/ })
      .first()
      .waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
