import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { usePageSuite } from '../support/page-suite.js';

// The first five seconds, keyboard and consistency, and the words of the page (issue 16, items 5, 6
// and 8), in Chromium against the real API and the seeded article. Counts come from the API, never
// from this file: the dataset changes.
describe('landing, keyboard and words', () => {
  const suite = usePageSuite();
  const pageErrors: string[] = [];

  async function open(path = '/', viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await suite.browser.newPage({ viewport, reducedMotion: 'reduce', acceptDownloads: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${suite.app.url}${path}`);
    await page
      .getByRole('region', { name: 'Relationship graph' })
      .getByText(/Showing [1-9]/)
      .waitFor({ timeout: 30_000 });
    return page;
  }

  const details = (page: Page) => page.getByRole('region', { name: 'Details' });
  const api = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${suite.app.url}/api${path}`)).json()) as T;

  it('names the source and offers the story first, in plain words, with no tab cut', async () => {
    const { sources } = await api<{ sources: { title: string; note: string | null }[] }>('/sources');
    const [source] = sources;
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 768 },
    ]) {
      const page = await open('/', viewport);
      await details(page).getByRole('heading', { name: source?.title }).waitFor();
      if (source?.note) expect(await details(page).textContent()).toContain(source.note.slice(0, 40));
      const buttons = details(page).getByRole('button');
      expect(await buttons.first().textContent()).toBe('Play the story');
      const status = await page.locator('.db-status').textContent();
      expect(status).toMatch(/^Graph ready · \d+ entities, \d+ links$/);
      expect(status).not.toMatch(/Neo4j|community|Database/);
      // Every tab shows its whole word inside the strip, whichever tab is chosen.
      for (const tab of ['Timeline', 'Details']) {
        await page.getByRole('tab', { name: tab }).click();
        const cut = await page.evaluate(() => {
          const strip = document.querySelector('.side-panel [role=tablist]');
          if (!strip) return ['no tab strip'];
          const box = strip.getBoundingClientRect();
          return [...strip.querySelectorAll('[role=tab]')]
            .filter((tab) => {
              const r = tab.getBoundingClientRect();
              return (
                r.left < box.left - 0.5 || r.right > box.right + 0.5 || tab.scrollWidth > tab.clientWidth + 1
              );
            })
            .map((tab) => tab.textContent);
        });
        expect(cut, `${viewport.width}px, ${tab} chosen`).toEqual([]);
      }
      await page.close();
    }
  });

  it('plays the story from the landing', async () => {
    const page = await open();
    await details(page).getByRole('button', { name: 'Play the story' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('story')).toBeTruthy();
    await page.close();
  });

  it('adds a search result to the view, with nothing pre-chosen, and moves focus to its details', async () => {
    const page = await open('/?view=explore&seeds=chen-quanguo&exp=chen-quanguo:10&sel=chen-quanguo');
    await details(page).getByRole('heading', { level: 2, name: 'Chen Quanguo' }).waitFor();
    const input = page.getByRole('combobox', { name: 'Search entities' });
    await input.fill('James Leib');
    const first = page
      .getByRole('listbox', { name: 'Search entities: suggestions' })
      .getByRole('option')
      .first();
    await first.waitFor({ timeout: 10_000 });
    expect(await first.getAttribute('aria-selected')).toBe('false');
    await input.press('ArrowDown');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await input.press('Enter');
    await details(page).getByRole('heading', { level: 2, name: 'James Leibold' }).waitFor();
    // Added, not replacing: Chen Quanguo stays in the exploration beside the new entity.
    const seeds = new URL(page.url()).searchParams.get('seeds')?.split(',') ?? [];
    expect(seeds).toEqual(expect.arrayContaining(['chen-quanguo', 'james-leibold']));
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('James Leibold');
    // The way to start afresh is in view.
    await details(page).getByRole('button', { name: 'Start afresh from James Leibold' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('seeds')).toBe('james-leibold');
    await page.close();
  });

  it('counts what the graph shows out of the whole, in the legend and the filters', async () => {
    const page = await open('/?view=explore&seeds=chen-quanguo&exp=chen-quanguo:10&sel=chen-quanguo');
    const legend = page.getByRole('group', { name: 'Legend' });
    await expect.poll(() => legend.textContent()).toMatch(/People \d+ of \d+ shown/);
    const people = /People (\d+) of (\d+) shown/.exec((await legend.textContent()) ?? '');
    expect(Number(people?.[1])).toBeLessThanOrEqual(Number(people?.[2]));
    await page.getByRole('tab', { name: 'Filters' }).click();
    expect(await page.getByRole('region', { name: 'Filters' }).textContent()).toMatch(/\d+ of \d+ shown/);
    await page.close();
  });

  it('describes the metric colours in the legend while they style the graph', async () => {
    const page = await open('/?page=query');
    await page.getByRole('tab', { name: 'Metrics' }).click();
    const style = page.getByRole('button', { name: 'Style the graph by these metrics' });
    await style.click();
    const legend = page.getByRole('group', { name: 'Legend' });
    await expect.poll(() => legend.textContent()).toMatch(/Colour: community/);
    expect(await legend.textContent()).not.toMatch(/People/);
    await page.getByRole('combobox', { name: /Colour by/ }).selectOption({ index: 1 });
    await expect.poll(() => legend.textContent()).toMatch(/Colour: .+, from \S+\s+to \S+/);
    // Turned off, the kinds' key comes back.
    await style.click();
    await expect.poll(() => legend.textContent()).toMatch(/People/);
    await page.close();
  });

  it('steps through mentions in the reader, which takes focus and shows the note', async () => {
    const page = await open('/?sel=chen-quanguo');
    await details(page).getByRole('button', { name: 'Read the mentions' }).click();
    const reader = page.getByRole('region', { name: 'Article reader' });
    await reader.getByRole('button', { name: /Next mention/ }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('[aria-label="Article reader"]')))
      .toBe(true);
    await reader.getByRole('button', { name: /Next mention/ }).click();
    await reader.getByRole('button', { name: /Next mention/ }).click();
    expect(await reader.getByRole('navigation').textContent()).toMatch(/Mention 2 of \d+ of Chen Quanguo/);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('mention--current'))).toBe(
      true,
    );
    const { sources } = await api<{ sources: { note: string | null }[] }>('/sources');
    if (sources[0]?.note) await reader.getByText('About this text').waitFor();
    await screenshot(page, 'words-reader-mentions');
    await page.close();
  });

  it('has one timeline row per event, the undated leak listed, and an embed snippet', async () => {
    const { items } = await api<{ items: { itemType: string; label: string }[] }>('/timeline');
    const events = items.filter((item) => item.itemType === 'entity');
    const page = await open('/?tab=timeline');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('listitem').first().waitFor({ timeout: 15_000 });
    const rows = await timeline.locator('.timeline-items > li').allTextContents();
    // An event and the links dated with it are one row: fewer rows than items, each event once.
    expect(rows.length).toBeLessThan(items.length);
    for (const event of events) expect(rows.filter((row) => row.includes(event.label))).toHaveLength(1);
    await timeline.getByRole('button', { name: /leak/i }).first().waitFor();
    await page.close();

    const story = await open('/?story=the-xinjiang-papers&step=2&tab=stories');
    await story.getByText('Embed in a web page').click();
    const code = await story.getByLabel('Paste this into your page’s HTML').inputValue();
    expect(code).toMatch(/^<iframe src="http:\/\/[^"]+\/embed\?story=the-xinjiang-papers&amp;step=2" /);
    expect(code).toMatch(/title="Trove: [^"]+"/);

    // The step's image: its title above a smaller caption, and a legend of what it shows.
    const [download] = await Promise.all([
      story.waitForEvent('download'),
      story.getByRole('button', { name: /^SVG/ }).first().click(),
    ]);
    const svg = readFileSync(await download.path(), 'utf8');
    const sizes = [...svg.matchAll(/<text [^>]*font-size="(\d+)" font-weight="(\d+)"/g)].map((m) => ({
      size: Number(m[1]),
      weight: Number(m[2]),
    }));
    const [title, caption] = sizes;
    expect(title?.weight).toBe(700);
    expect(caption && title && caption.size < title.size).toBe(true);
    expect(svg).toMatch(/>(People|Organizations|Places|Events|Documents|Groups|Facilities)<\/text>/);
    expect(svg).toMatch(/>Reported<\/text>/);
    await story.close();
    expect(pageErrors).toEqual([]);
  });
});
