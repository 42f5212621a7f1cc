// The page in Chromium: navigation to first graph drawn (the article), time to lay out, and frame
// times while panning and zooming synthetic graphs of 1k–20k elements in the page's own Cytoscape
// instance, with the canvas renderer and with the WebGL one. The baseline for the WebGL figures is
// the canvas renderer on the same elements; for the first draw, the page's own DOMContentLoaded.
import { chromium, type Page } from 'playwright-core';
import { figure, percentile, type Figure } from './stats.js';

// tsx compiles this file with keepNames, which wraps inner functions in a __name helper that only
// exists in Node; evaluated in the page, it must exist there too.
const NAME_HELPER = 'globalThis.__name = (f) => f;';

interface FrameStats {
  meanMs: number;
  medianMs: number;
  p95Ms: number;
  fps: number;
}

/** Builds `elements` elements (a third nodes) with preset positions, then pans and zooms for `ms`. */
async function framesWhilePanning(page: Page, elements: number, ms: number): Promise<FrameStats> {
  return page.evaluate(
    async ({ elements, ms }) => {
      type Cy = {
        elements(): { remove(): void };
        add(defs: object[]): void;
        fit(): void;
        panBy(p: { x: number; y: number }): void;
        zoom(): number;
        zoom(level: number): void;
      };
      const graph = (globalThis as unknown as { troveGraph: { cy: Cy } }).troveGraph;
      const cy = graph.cy;
      cy.elements().remove();
      const nodes = Math.round(elements / 3);
      const defs: object[] = [];
      for (let i = 0; i < nodes; i += 1) {
        defs.push({
          group: 'nodes',
          data: { id: `n${i}`, label: `Node ${i}`, kind: 'Person' },
          position: { x: (i % 150) * 40, y: Math.floor(i / 150) * 40 },
        });
      }
      for (let i = 0; i < elements - nodes; i += 1) {
        const a = i % nodes;
        const b = (a * 7 + 1 + Math.floor(i / nodes) * 13) % nodes;
        defs.push({
          group: 'edges',
          data: { id: `e${i}`, source: `n${a}`, target: `n${b}`, type: 'CONCERNS' },
        });
      }
      cy.add(defs);
      cy.fit();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const times: number[] = [];
      const start = performance.now();
      let last = start;
      let step = 0;
      await new Promise<void>((done) => {
        const frame = (now: number): void => {
          times.push(now - last);
          last = now;
          step += 1;
          cy.panBy({ x: Math.sin(step / 10) * 12, y: Math.cos(step / 10) * 12 });
          if (step % 20 === 0) cy.zoom(cy.zoom() * (step % 40 === 0 ? 1.1 : 0.9));
          if (now - start < ms) requestAnimationFrame(frame);
          else done();
        };
        requestAnimationFrame(frame);
      });
      times.shift();
      // A machine too slow for a second frame in the window still reports that one long frame.
      if (times.length === 0) times.push(performance.now() - start);
      const sorted = [...times].sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
      return {
        meanMs: mean,
        medianMs: sorted[Math.floor(sorted.length / 2)] ?? mean,
        p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? mean,
        fps: 1000 / mean,
      };
    },
    { elements, ms },
  );
}

export async function benchBrowser(baseUrl: string, quick: boolean): Promise<Figure[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // On a machine without a GPU: --disable-gpu keeps the 2D canvas on Chromium's CPU rasterizer, as
    // a browser without a usable GPU draws it; without it, headless Chromium takes SwiftShader for its
    // GPU and rasterizes the 2D canvas through it too, which is many times slower than either (2 fps
    // instead of 40 at 1k elements here). WebGL still gets a context, on SwiftShader (software GL):
    // the renderer string is printed below. BENCH_CHROMIUM_GPU=1 leaves the GPU on (a real one).
    args: [
      '--headless',
      '--no-sandbox',
      ...(process.env.BENCH_CHROMIUM_GPU === '1' ? [] : ['--disable-gpu']),
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const figures: Figure[] = [];
  try {
    // First draw of the article's graph, median of a few cold navigations.
    const draws: number[] = [];
    const ready: number[] = [];
    const settled: number[] = [];
    for (let i = 0; i < (quick ? 2 : 5); i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(NAME_HELPER);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?bench`);
      await page.waitForFunction(
        () => {
          const g = (globalThis as unknown as { troveGraph?: { cy: { nodes(): { length: number } } } })
            .troveGraph;
          return g !== undefined && g.cy.nodes().length > 0;
        },
        undefined,
        { timeout: 30_000 },
      );
      // Two frames after the elements arrive, the canvas shows them.
      const drawn = await page.evaluate(
        () =>
          new Promise<number>((r) =>
            requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))),
          ),
      );
      // And when the force-directed layout (in a worker since #9) has been applied and has come to rest.
      const laidOut = await page.evaluate(
        () =>
          new Promise<number>((r) => {
            const g = (globalThis as unknown as { troveGraph: { layingOut: boolean } }).troveGraph;
            const check = (): void => {
              if (g.layingOut) requestAnimationFrame(check);
              else r(performance.now());
            };
            check();
          }),
      );
      const dcl = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return nav?.domContentLoadedEventEnd ?? Number.NaN;
      });
      draws.push(drawn);
      ready.push(dcl);
      settled.push(laidOut);
      await context.close();
    }
    const median = (v: number[]): number =>
      percentile(
        [...v].sort((a, b) => a - b),
        50,
      );
    figures.push(
      figure(
        'page: navigation → article graph drawn',
        'article',
        'ms',
        median(draws),
        median(ready),
        'DOMContentLoaded',
        {
          text: '< 1000 ms',
          met: (v) => v < 1000,
        },
      ),
      figure(
        'page: navigation → article graph laid out',
        'article',
        'ms',
        median(settled),
        median(draws),
        'first drawn',
      ),
    );
    console.log(
      `  first drawn ${draws.map((v) => v.toFixed(0)).join(', ')} ms; laid out ${settled.map((v) => v.toFixed(0)).join(', ')} ms`,
    );

    const sizes = quick ? [1000, 5000] : [1000, 5000, 10000, 20000];
    const seconds = quick ? 1500 : 3000;
    const results: Record<string, Record<number, FrameStats>> = {};
    {
      // Which WebGL this browser has: on a machine without a GPU, SwiftShader (software) or nothing.
      const page = await browser.newPage();
      const gl = await page.evaluate(() => {
        const context = document.createElement('canvas').getContext('webgl2');
        if (!context) return null;
        const info = context.getExtension('WEBGL_debug_renderer_info');
        return String(context.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : context.RENDERER));
      });
      console.log(`  WebGL 2: ${gl ?? 'no context'}`);
      await page.close();
    }
    for (const renderer of ['canvas', 'webgl']) {
      results[renderer] = {};
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(NAME_HELPER);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?bench&renderer=${renderer}`);
      try {
        await page.waitForFunction(
          () => (globalThis as { troveGraph?: unknown }).troveGraph !== undefined,
          undefined,
          {
            timeout: 15_000,
          },
        );
      } catch {
        // Reported, not fatal: a browser without a usable WebGL context cannot build that renderer.
        console.log(`  ${renderer}: the page did not come up with this renderer; not measured`);
        await context.close();
        continue;
      }
      for (const size of sizes) {
        const stats = await framesWhilePanning(page, size, seconds);
        results[renderer][size] = stats;
        console.log(
          `  ${renderer} ${size} elements: ${stats.fps.toFixed(1)} fps, median frame ${stats.medianMs.toFixed(1)} ms, p95 ${stats.p95Ms.toFixed(1)} ms`,
        );
      }
      if (renderer === 'canvas') {
        // Layout on the page's instance: fcose over 1k elements, as the Layout button runs it.
        const layoutMs = await page.evaluate(async () => {
          const g = (
            globalThis as unknown as {
              troveGraph: { runLayout(name: string, o: { randomize: boolean; onDone: () => void }): void };
            }
          ).troveGraph;
          const t = performance.now();
          await new Promise<void>((done) => g.runLayout('concentric', { randomize: true, onDone: done }));
          return performance.now() - t;
        });
        figures.push(
          figure(
            'page: concentric layout',
            `${(sizes.at(-1) ?? 0) / 1000}k elements`,
            'ms',
            layoutMs,
            null,
            '–',
          ),
        );
      }
      await context.close();
    }
    for (const size of sizes) {
      const webgl = results.webgl?.[size];
      const canvas = results.canvas?.[size];
      if (!webgl || !canvas) continue;
      const at = `${size / 1000}k elements`;
      figures.push(
        figure(
          'page: fps panning, WebGL (vs canvas)',
          at,
          'fps',
          webgl.fps,
          canvas.fps,
          'canvas renderer',
          size === 20000 ? { text: '> 30 fps at 20k', met: (v) => v > 30 } : undefined,
        ),
        figure(
          'page: median frame panning, WebGL (vs canvas)',
          at,
          'ms',
          webgl.medianMs,
          canvas.medianMs,
          'canvas renderer',
        ),
        figure(
          'page: p95 frame panning, WebGL (vs canvas)',
          at,
          'ms',
          webgl.p95Ms,
          canvas.p95Ms,
          'canvas renderer',
        ),
      );
    }
  } finally {
    await browser.close();
  }
  return figures;
}
