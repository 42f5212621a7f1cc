// The map and the timeline in Chromium: frame rate while panning the map with 10,000 located
// entities (the same map with the article's places as baseline), and the graph's frame rate while
// the timeline plays over a 5,000-element dated graph (the same graph standing still as baseline).
// Both drive the page's own code through its ?bench handles (client/src/map, client/src/timeline).
import { chromium, type Page } from 'playwright-core';
import { figure, type Figure } from './stats.js';

const NAME_HELPER = 'globalThis.__name = (f) => f;';

interface Frames {
  fps: number;
  medianMs: number;
}

/** Frame times over `ms` while `step(i)` runs once per animation frame. */
async function frames(page: Page, ms: number, kind: 'map' | 'timeline', months = 0): Promise<Frames> {
  return page.evaluate(
    async ({ ms, kind, months }) => {
      const map = (globalThis as unknown as { troveMap?: { panBy(x: number, y: number): void } }).troveMap;
      const time = (globalThis as unknown as { troveTime?: { setUntil(u: string | null): void } }).troveTime;
      const times: number[] = [];
      const start = performance.now();
      let last = start;
      let i = 0;
      await new Promise<void>((done) => {
        const frame = (now: number): void => {
          times.push(now - last);
          last = now;
          i += 1;
          if (kind === 'map') map?.panBy(Math.sin(i / 10) * 12, Math.cos(i / 10) * 12);
          // 8× speed: 16 months a second, one step about every fourth frame at 60 fps.
          else if (months > 0 && i % 4 === 0) {
            const m = Math.floor(i / 4) % months;
            time?.setUntil(`${2000 + Math.floor(m / 12)}-${String(1 + (m % 12)).padStart(2, '0')}`);
          }
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
    { ms, kind, months },
  );
}

export async function benchMap(baseUrl: string, quick: boolean): Promise<Figure[]> {
  const figures: Figure[] = [];
  const located = quick ? 2000 : 10_000;
  const elements = quick ? 1000 : 5000;
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
    const article = await frames(page, ms, 'map');
    await page.evaluate((n) => {
      (globalThis as unknown as { troveMap: { load(n: number): void } }).troveMap.load(n);
    }, located);
    await page.waitForTimeout(1000);
    const markers = await page.evaluate(() =>
      (globalThis as unknown as { troveMap: { markers(): number } }).troveMap.markers(),
    );
    const many = await frames(page, ms, 'map');
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

    // The graph while the playhead moves: a dated synthetic graph in the page's own store.
    const graphContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await graphContext.addInitScript(NAME_HELPER);
    const graphPage = await graphContext.newPage();
    await graphPage.goto(`${baseUrl}/?bench&layout=concentric`);
    await graphPage.waitForFunction(
      () =>
        (globalThis as { troveTime?: unknown; troveGraph?: unknown }).troveTime !== undefined &&
        (globalThis as { troveGraph?: unknown }).troveGraph !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    await graphPage.evaluate((n) => {
      (globalThis as unknown as { troveTime: { load(n: number): void } }).troveTime.load(n);
    }, elements);
    // Let the page draw and lay out the whole graph before measuring.
    await graphPage.waitForFunction(
      () => {
        const g = (
          globalThis as unknown as { troveGraph: { cy: { nodes(): { length: number } }; layingOut: boolean } }
        ).troveGraph;
        return g.cy.nodes().length > 100 && !g.layingOut;
      },
      undefined,
      { timeout: 120_000 },
    );
    await graphPage.waitForTimeout(1000);
    const still = await frames(graphPage, ms, 'timeline', 0);
    const playing = await frames(graphPage, ms, 'timeline', 240);
    console.log(
      `  graph while the timeline plays, ${elements} elements: ${playing.fps.toFixed(1)} fps (median ${playing.medianMs.toFixed(1)} ms); standing still ${still.fps.toFixed(1)} fps`,
    );
    figures.push(
      figure(
        'page: graph fps while the timeline plays (vs still)',
        `${elements / 1000}k elements`,
        'fps',
        playing.fps,
        still.fps,
        'the same graph, playhead still',
        elements === 5000 ? { text: '> 30 fps at 5k', met: (v) => v > 30 } : undefined,
      ),
    );
    await graphContext.close();
  } finally {
    await browser.close();
  }
  return figures;
}
