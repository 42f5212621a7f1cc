// The map and the timeline in Chromium: frame rate while panning the map with 10,000 located
// entities (the same map with the article's places as baseline), and the graph's frame rate while
// the timeline plays over dated graphs of 1,000 and 5,000 elements (the same graph standing still as
// baseline). Both drive the page's own code through its ?bench handles (client/src/map, client/src/timeline).
import { chromium, type Browser, type Page } from 'playwright-core';
import { figure, type Figure } from './stats.js';

const NAME_HELPER = 'globalThis.__name = (f) => f;';

interface Frames {
  fps: number;
  medianMs: number;
}

/** Frame times over `ms`, from requestAnimationFrame; with `pan`, the map is panned on every frame. */
async function frames(page: Page, ms: number, pan = false): Promise<Frames> {
  return page.evaluate(
    async ({ ms, pan }) => {
      const map = (globalThis as unknown as { troveMap?: { panBy(x: number, y: number): void } }).troveMap;
      const times: number[] = [];
      const start = performance.now();
      let last = start;
      let i = 0;
      await new Promise<void>((done) => {
        const frame = (now: number): void => {
          times.push(now - last);
          last = now;
          i += 1;
          if (pan) map?.panBy(Math.sin(i / 10) * 12, Math.cos(i / 10) * 12);
          if (now - start < ms) requestAnimationFrame(frame);
          else done();
        };
        requestAnimationFrame(frame);
      });
      times.shift();
      if (times.length === 0) times.push(performance.now() - start);
      const sorted = [...times].sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      return { fps: 1000 / mean, medianMs: sorted[Math.floor(sorted.length / 2)] ?? mean };
    },
    { ms, pan },
  );
}

export interface TimelineFrames {
  elements: number;
  /** The same graph with nothing moving. */
  still: Frames;
  /** While the timeline plays at 8× (16 months a second), from the press of Play. */
  playing: Frames;
  /** Months the playhead advanced while measured, and the nodes drawn when it stopped. */
  steps: number;
  shownNodes: number;
  nodes: number;
}

/**
 * The graph while the timeline plays: a dated synthetic graph of `elements` in the page's own store,
 * laid out once; then the frame rate standing still (the baseline) and after pressing Play at 8×, the
 * way a user does, so the whole path (slider's timer, store, URL, scene, graph) is in the figure.
 */
export async function benchTimeline(
  browser: Browser,
  baseUrl: string,
  elements: number,
  ms: number,
): Promise<TimelineFrames> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(NAME_HELPER);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?bench&layout=concentric`);
    await page.waitForFunction(
      () =>
        (globalThis as { troveTime?: unknown }).troveTime !== undefined &&
        (globalThis as { troveGraph?: unknown }).troveGraph !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    // The article's graph first, so the synthetic one replaces it rather than racing its arrival.
    await page.getByRole('button', { name: 'Play the timeline' }).waitFor({ timeout: 120_000 });
    const nodes = await page.evaluate((n) => {
      (globalThis as unknown as { troveTime: { load(n: number): number } }).troveTime.load(n);
      return Math.round(n / 3);
    }, elements);
    // Let the page draw and lay out the whole graph before measuring.
    await page.waitForFunction(
      (count) => {
        const g = (
          globalThis as unknown as { troveGraph: { cy: { nodes(): { length: number } }; layingOut: boolean } }
        ).troveGraph;
        return g.cy.nodes().length === count && !g.layingOut;
      },
      nodes,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(1500);
    const still = await frames(page, ms);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
    const slider = page.getByRole('slider', { name: 'Playhead' });
    await page.getByRole('button', { name: 'Play the timeline' }).click();
    const from = 0;
    const playing = await frames(page, ms);
    const to = Number(await slider.inputValue());
    const shownNodes = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            troveGraph: { cy: { nodes(selector: string): { length: number } } };
          }
        ).troveGraph.cy.nodes(':visible').length,
    );
    await page.getByRole('button', { name: 'Pause the timeline' }).click();
    return { elements, still, playing, steps: to - from, shownNodes, nodes };
  } finally {
    await context.close();
  }
}

export async function benchMap(baseUrl: string, quick: boolean): Promise<Figure[]> {
  const figures: Figure[] = [];
  const located = quick ? 2000 : 10_000;
  const timelineSizes = quick ? [1000] : [1000, 5000];
  const ms = quick ? 1500 : 4000;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(NAME_HELPER);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?bench&map=1`);
    await page.waitForFunction(
      () => (globalThis as { troveMap?: unknown }).troveMap !== undefined,
      undefined,
      {
        timeout: 60_000,
      },
    );
    await page.locator('.map-country').first().waitFor({ state: 'attached', timeout: 60_000 });
    const article = await frames(page, ms, true);
    await page.evaluate((n) => {
      (globalThis as unknown as { troveMap: { load(n: number): void } }).troveMap.load(n);
    }, located);
    await page.waitForTimeout(1000);
    const markers = await page.evaluate(() =>
      (globalThis as unknown as { troveMap: { markers(): number } }).troveMap.markers(),
    );
    const many = await frames(page, ms, true);
    console.log(
      `  map: ${located} located entities (${markers} markers after clustering): ${many.fps.toFixed(1)} fps panning, median ${many.medianMs.toFixed(1)} ms; article's places ${article.fps.toFixed(1)} fps`,
    );
    figures.push(
      figure(
        'page: map fps panning (vs the article’s places)',
        `${located / 1000}k located entities`,
        'fps',
        many.fps,
        article.fps,
        'the article’s 14 located entities',
        located === 10_000 ? { text: '> 30 fps at 10k', met: (v) => v > 30 } : undefined,
      ),
    );
    await context.close();

    // The graph while the timeline plays, beside the same graph standing still.
    for (const size of timelineSizes) {
      const t = await benchTimeline(browser, baseUrl, size, ms);
      console.log(
        `  graph while the timeline plays at 8×, ${size} elements: ${t.playing.fps.toFixed(1)} fps (median ${t.playing.medianMs.toFixed(1)} ms, ${t.steps} months played, ${t.shownNodes} of ${t.nodes} nodes drawn at the end); standing still ${t.still.fps.toFixed(1)} fps`,
      );
      figures.push(
        figure(
          'page: graph fps while the timeline plays (vs still)',
          `${size / 1000}k elements`,
          'fps',
          t.playing.fps,
          t.still.fps,
          'the same graph, playhead still',
          size === 5000 ? { text: '> 30 fps at 5k', met: (v) => v > 30 } : undefined,
        ),
      );
    }
  } finally {
    await browser.close();
  }
  return figures;
}
