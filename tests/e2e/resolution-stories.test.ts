// The built-in story plays in the page after a merge combined one of its links: the app starts (it
// reloads the story's file, written before the merge, as every start does) and the step shows the
// link that now holds the claims, between the survivor and the speech.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoryT } from '../../contract/stories.js';
import { loadDataset } from '../../seed/src/index.js';
import { merge } from '../../server/src/resolution/write.js';
import { loadBuiltInStories } from '../../server/src/stories/builtin.js';
import { screenshot } from '../support/browser.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';
import { usePageSuite } from '../support/page-suite.js';
import { writeDuplicatesDataset } from '../support/resolution.js';
import { openStrictPage } from '../support/strict-page.js';

const BUILT_IN = 'the-xinjiang-papers';

describe('a story after a merge combined its link', () => {
  const suite = usePageSuite({
    env: { OVERLOAD_MAX_IN_FLIGHT: '0' },
    prepare: async () => {
      await resetToArticle();
      await loadDataset(getDriver(), await writeDuplicatesDataset(getDriver()));
      // Xi Jinping into the note's "Mr. Xi": the article's speech link joins the note's.
      await merge(getDriver(), 'local', 'mr-xi', 'xi-jinping');
      await loadBuiltInStories(getDriver());
    },
  });
  afterAll(async () => {
    await resetToArticle();
  });

  const counts = (page: Page) =>
    page.getByRole('region', { name: 'Relationship graph' }).getByText(/Showing \d+ nodes?, \d+ links?/);

  it('shows every link of the step, the combined one included', async () => {
    const story = (await (await fetch(`${suite.app.url}/api/stories/${BUILT_IN}`)).json()) as StoryT;
    const step = story.steps[1];
    expect(step?.edgeIds).toContain('mr-xi-gave-speech-xi-2014-speech');
    expect(step?.edgeIds).not.toContain('xi-jinping-gave-speech-xi-2014-speech');

    const problems: string[] = [];
    const page = await openStrictPage(
      suite.browser,
      `${suite.app.url}/?story=${BUILT_IN}&step=2&tab=stories`,
      problems,
      { viewport: { width: 1280, height: 800 } },
    );
    await page.getByRole('heading', { level: 2, name: step?.title }).waitFor();
    await expect
      .poll(() => counts(page).textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`Showing ${step?.nodeIds.length} nodes, ${step?.edgeIds.length} links`));
    await screenshot(page, 'resolution-story-after-merge');
    expect(problems).toEqual([]);
    await page.close();
  });
});
