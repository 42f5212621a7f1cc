import { afterAll, describe, expect, it } from 'vitest';
import type { EntityResponseT } from '../../contract/entities.js';
import { loadDataset } from '../../seed/src/index.js';
import { getJson } from '../support/app.js';
import { screenshot } from '../support/browser.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';
import { writeDuplicatesDataset } from '../support/resolution.js';
import { openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

describe('resolving duplicates in the page', () => {
  const suite = usePageSuite({
    env: { OVERLOAD_MAX_IN_FLIGHT: '0' },
    prepare: async () => {
      await resetToArticle();
      await loadDataset(getDriver(), await writeDuplicatesDataset(getDriver()));
    },
  });
  afterAll(async () => {
    await resetToArticle();
  });

  const resolvedId = async (id: string) =>
    (await getJson<EntityResponseT>(`${suite.app.url}/api/entities/${id}`)).body.entity.id;

  it('merges a suggested pair, shows the merged entity, and splits it again with Ctrl-Z', async () => {
    const problems: string[] = [];
    const page = await openStrictPage(suite.browser, `${suite.app.url}/?page=resolve`, problems, {
      viewport: { width: 1280, height: 800 },
    });
    await page.getByRole('heading', { name: 'Possible duplicates' }).waitFor();
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /(Mr\. Xi.*Xi Jinping|Xi Jinping.*Mr\. Xi)/ }) });
    await card.first().waitFor({ timeout: 20_000 });
    // Both sides' quotes, side by side: the note's sentence on one, the article's on the other.
    await card.getByText('Mr. Xi gave a speech to officials in 2014.').first().waitFor();
    await screenshot(page, 'resolution-suggestions');

    await card.getByRole('button', { name: 'Merge into Xi Jinping' }).click();
    await page.getByRole('status').filter({ hasText: 'Merged Mr. Xi (mr-xi) into Xi Jinping' }).waitFor();
    expect(await resolvedId('mr-xi')).toBe('xi-jinping');
    // The graph-wide History panel lists the merge.
    await page
      .getByRole('complementary', { name: 'Graph history' })
      .getByText('Merged Mr. Xi (mr-xi) into Xi Jinping (xi-jinping)')
      .waitFor();

    await page.getByRole('button', { name: 'Show the merged entity in the graph' }).click();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('heading', { name: 'Xi Jinping', level: 2 }).waitFor();
    await details
      .getByRole('region', { name: 'History of this entity' })
      .getByText('Merged Mr. Xi')
      .waitFor();
    await screenshot(page, 'resolution-merged-details');

    await details.getByRole('heading', { name: 'Xi Jinping', level: 2 }).click();
    await page.keyboard.press('Control+z');
    await page
      .getByRole('status')
      .filter({ hasText: 'Undid: Merged Mr. Xi (mr-xi) into Xi Jinping' })
      .waitFor();
    expect(await resolvedId('mr-xi')).toBe('mr-xi');
    await details
      .getByRole('region', { name: 'History of this entity' })
      .getByText('Undid: Merged Mr. Xi')
      .waitFor();

    await page.keyboard.press('Control+Shift+z');
    await page.getByRole('status').filter({ hasText: 'Redid: Merged Mr. Xi' }).waitFor();
    expect(await resolvedId('mr-xi')).toBe('xi-jinping');
    await page.keyboard.press('Control+z');
    await page.getByRole('status').filter({ hasText: 'Undid: Merged Mr. Xi' }).waitFor();
    expect(await resolvedId('mr-xi')).toBe('mr-xi');
    expect(problems).toEqual([]);
  });
});
