// The page in Chromium: navigation to first graph drawn (the article), time to lay out, and frame
// times while panning and zooming synthetic graphs of 1k–20k elements in the page's own Cytoscape
// instance beside plain Cytoscape (default styles, node labels) on the same elements in the same
// page: the renderer is the same, so the ratio is what Trove's own styles and work cost. Also the
// longest main-thread task (PerformanceObserver 'longtask') while panning and while used with the
// mouse, the time to first draw 20k elements, fcose over 1,000 nodes in the layout worker (beside
// fcose on the main thread), and the WebGL renderer on the page's own graph (beside canvas).
import { chromium, type Browser, type Page } from 'playwright-core';
import { figure, percentile, phaseClock, type Figure } from './stats.js';
import { GROUP_ABOVE } from '../client/src/graph/groups.js';

// tsx compiles this file with keepNames, which wraps inner functions in a __name helper that only
// exists in Node; evaluated in the page, it must exist there too. The page also records its long
// tasks from the start, and gets the bench's graph builder and pan loop (plain functions, so that
// the Trove side and the plain side run exactly the same code).
/** The __name shim and a record of every long task from the page's start (in __longTasks). */
export const LONG_TASKS_SCRIPT = `
globalThis.__name = (f) => f;
globalThis.__longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {}
`;

const INIT_SCRIPT = `${LONG_TASKS_SCRIPT}
globalThis.__benchGraph = (elements, positions, kinds) => {
  const KINDS = ['Person', 'Organization', 'Place', 'Event', 'Document', 'Group', 'Facility'];
  const nodes = Math.round(elements / 3);
  const out = { nodes: [], edges: [] };
  for (let i = 0; i < nodes; i += 1) {
    out.nodes.push({
      group: 'nodes',
      data: { id: 'n' + i, label: 'Node ' + i, kind: kinds ? KINDS[i % 7] : 'Person', size: 24 },
      classes: [],
      ...(positions ? { position: { x: (i % 150) * 40, y: Math.floor(i / 150) * 40 } } : {}),
    });
  }
  for (let i = 0; i < elements - nodes; i += 1) {
    const a = i % nodes;
    const b = (a * 7 + 1 + Math.floor(i / nodes) * 13) % nodes;
    out.edges.push({
      group: 'edges',
      data: { id: 'e' + i, source: 'n' + a, target: 'n' + b, type: 'CONCERNS', label: 'concerns', stance: 'reported' },
      classes: [],
    });
  }
  return out;
};
globalThis.__frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))));
globalThis.__longest = (from) => globalThis.__longTasks.filter((t) => t.start + t.ms >= from).reduce((m, t) => Math.max(m, t.ms), 0);
globalThis.__pan = async (cy, ms) => {
  const times = [];
  const start = performance.now();
  let last = start;
  let step = 0;
  await new Promise((done) => {
    const frame = (now) => {
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
  if (times.length === 0) times.push(performance.now() - start);
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    meanMs: mean,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? mean,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? mean,
    fps: 1000 / mean,
    longestTaskMs: globalThis.__longest(start),
  };
};
`;

interface FrameStats {
  meanMs: number;
  medianMs: number;
  p95Ms: number;
  fps: number;
  longestTaskMs: number;
}

type Target = 'trove' | 'plain';

// Shapes of what the page exposes under ?bench, for the evaluated functions below.
interface BenchCy {
  elements(): { remove(): void; length: number };
  add(defs: object[]): void;
  fit(): void;
  destroy(): void;
}
interface BenchWindow {
  troveGraph: {
    cy: BenchCy & { container(): HTMLElement | null };
    sync(elements: { nodes: object[]; edges: object[] }): string[];
    runLayout(name: string, o: { randomize?: boolean; onDone?: () => void }): void;
    place(p: Record<string, never>): void;
    layingOut: boolean;
    groups(): { key: string; count: number; open: boolean }[];
    toggleGroup(key: string): void;
    setGroupBy(by: 'kind' | 'community'): Promise<void>;
  };
  troveCytoscape(options: object): BenchCy;
  __benchGraph(elements: number, positions: boolean, kinds?: boolean): { nodes: object[]; edges: object[] };
  __pan(cy: BenchCy, ms: number): Promise<FrameStats>;
  __frames(): Promise<number>;
  __longest(from: number): number;
  __plain?: { cy: BenchCy; box: HTMLElement };
}

/**
 * Puts `elements` elements (a third nodes, on a grid) into the target: the page's own instance, or
 * a plain Cytoscape (default styles and node labels) in a box over the page's canvas, same size.
 */
async function load(page: Page, target: Target, elements: number): Promise<void> {
  await page.evaluate(
    ({ target, elements }) => {
      const w = globalThis as unknown as BenchWindow;
      w.__plain?.cy.destroy();
      w.__plain?.box.remove();
      delete w.__plain;
      const graph = w.troveGraph;
      graph.place({});
      graph.cy.elements().remove();
      const defs = w.__benchGraph(elements, true);
      if (target === 'trove') {
        graph.cy.add([...defs.nodes, ...defs.edges]);
        graph.cy.fit();
        return;
      }
      const rect = graph.cy.container()?.getBoundingClientRect();
      const box = document.createElement('div');
      Object.assign(box.style, {
        position: 'fixed',
        left: `${rect?.left ?? 0}px`,
        top: `${rect?.top ?? 0}px`,
        width: `${rect?.width ?? 800}px`,
        height: `${rect?.height ?? 600}px`,
        zIndex: '1000',
        background: '#fff',
      });
      document.body.append(box);
      const cy = w.troveCytoscape({
        container: box,
        elements: [...defs.nodes, ...defs.edges],
        style: [{ selector: 'node', style: { label: 'data(label)' } }],
        layout: { name: 'preset' },
      });
      cy.fit();
      w.__plain = { cy, box };
    },
    { target, elements },
  );
  await page.evaluate(() => (globalThis as unknown as BenchWindow).__frames());
}

async function framesWhilePanning(page: Page, target: Target, ms: number): Promise<FrameStats> {
  return page.evaluate(
    ({ target, ms }) => {
      const w = globalThis as unknown as BenchWindow;
      const cy = target === 'plain' && w.__plain ? w.__plain.cy : w.troveGraph.cy;
      return w.__pan(cy, ms);
    },
    { target, ms },
  );
}

/** The longest main-thread task while the graph is used with the mouse: wheel zooms, drags, hovers, a click. */
async function longestTaskInUse(page: Page): Promise<number> {
  const box = await page.locator('.graph-canvas').boundingBox();
  if (!box) return Number.NaN;
  const from = await page.evaluate(() => performance.now());
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 6; i += 1) {
    await page.mouse.wheel(0, i < 3 ? -240 : 120);
    await page.waitForTimeout(60);
  }
  await page.mouse.down();
  for (let i = 1; i <= 10; i += 1) await page.mouse.move(cx + i * 15, cy + i * 8);
  await page.mouse.up();
  for (let i = 0; i < 8; i += 1) await page.mouse.move(cx - 100 + i * 25, cy - 40 + i * 10);
  await page.mouse.click(cx + 3, cy + 3);
  // Labels are chosen again once the view rests: that work counts too.
  await page.waitForTimeout(400);
  return page.evaluate((from) => (globalThis as unknown as BenchWindow).__longest(from), from);
}

/** Navigation to the page with the graph instance exposed; false when it did not come up. */
async function openBenchPage(page: Page, url: string): Promise<boolean> {
  await page.goto(url);
  try {
    await page.waitForFunction(
      () => (globalThis as { troveGraph?: unknown }).troveGraph !== undefined,
      undefined,
      {
        timeout: 15_000,
      },
    );
    return true;
  } catch {
    return false;
  }
}

const median = (v: number[]): number =>
  percentile(
    [...v].sort((a, b) => a - b),
    50,
  );

/** First draw of the article's graph, median of a few cold navigations. */
async function landing(browser: Browser, baseUrl: string, runs: number): Promise<Figure[]> {
  const draws: number[] = [];
  const ready: number[] = [];
  const settled: number[] = [];
  const longest: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?bench`);
    await page.waitForFunction(
      () => {
        const g = (globalThis as unknown as { troveGraph?: { cy: { nodes(): { length: number } } } })
          .troveGraph;
        return g !== undefined && g.cy.nodes().length > 0;
      },
      undefined,
      { timeout: 30_000, polling: 'raf' },
    );
    // Two frames after the elements arrive, the canvas shows them.
    const drawn = await page.evaluate(() => (globalThis as unknown as BenchWindow).__frames());
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
    longest.push(await page.evaluate(() => (globalThis as unknown as BenchWindow).__longest(0)));
    await context.close();
  }
  console.log(
    `  first drawn ${draws.map((v) => v.toFixed(0)).join(', ')} ms; laid out ${settled.map((v) => v.toFixed(0)).join(', ')} ms; longest task ${longest.map((v) => v.toFixed(0)).join(', ')} ms`,
  );
  return [
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
    figure('page: longest task, opening the article', 'article', 'ms', median(longest), null, '–'),
  ];
}

/**
 * The page's figures. `stages` picks some of them (landing, panning, first-draw, fcose, groups,
 * webgl), for a run of one stage while working on it; the bench runs them all.
 */
export async function benchBrowser(
  baseUrl: string,
  quick: boolean,
  stages?: readonly string[],
): Promise<Figure[]> {
  // Each stage asks `want` once as it begins: the time until the next one asks is that stage's.
  const phase = phaseClock();
  let running = 'browser start';
  const lap = (): void => phase(running);
  const want = (stage: string): boolean => {
    lap();
    running = stage;
    return stages === undefined || stages.includes(stage);
  };
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
    if (want('landing')) figures.push(...(await landing(browser, baseUrl, quick ? 1 : 5)));

    // A quick run (CI, under three minutes) pans one size: it proves the stage runs, the full run measures.
    const sizes = quick ? [5000] : [1000, 5000, 10000, 20000];
    const ms = quick ? 1500 : 3000;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    if (!(await openBenchPage(page, `${baseUrl}/?bench`))) throw new Error('the page did not come up');
    const canvas: Record<number, FrameStats> = {};
    for (const size of want('panning') ? sizes : []) {
      const at = `${size / 1000}k elements`;
      await load(page, 'plain', size);
      const plain = await framesWhilePanning(page, 'plain', ms);
      await load(page, 'trove', size);
      const trove = await framesWhilePanning(page, 'trove', ms);
      canvas[size] = trove;
      const inUse = await longestTaskInUse(page);
      console.log(
        `  ${at}: Trove ${trove.fps.toFixed(1)} fps (median ${trove.medianMs.toFixed(1)}, p95 ${trove.p95Ms.toFixed(1)} ms, longest task ${trove.longestTaskMs.toFixed(0)} ms; in use ${inUse.toFixed(0)} ms) | plain ${plain.fps.toFixed(1)} fps (median ${plain.medianMs.toFixed(1)}, p95 ${plain.p95Ms.toFixed(1)} ms, longest task ${plain.longestTaskMs.toFixed(0)} ms)`,
      );
      const top = size === sizes.at(-1) && size >= 20000;
      figures.push(
        figure(
          'page: fps panning, canvas (vs plain Cytoscape)',
          at,
          'fps',
          trove.fps,
          plain.fps,
          'plain Cytoscape, default styles',
          top ? { text: '≥ 0.5x plain (30 fps) at 20k', met: (_v, r) => r !== null && r >= 0.5 } : undefined,
        ),
        figure(
          'page: p95 frame panning, canvas (vs plain)',
          at,
          'ms',
          trove.p95Ms,
          plain.p95Ms,
          'plain Cytoscape, default styles',
        ),
        figure(
          'page: longest task panning (vs plain)',
          at,
          'ms',
          trove.longestTaskMs,
          plain.longestTaskMs,
          'plain Cytoscape, default styles',
        ),
        figure(
          'page: longest task in use (wheel, drag, hover, click)',
          at,
          'ms',
          inUse,
          null,
          '–',
          top ? { text: '< 200 ms at 20k', met: (v) => v < 200 } : undefined,
        ),
      );
    }

    if (want('first-draw')) {
      // First draw of 20k elements (5k at a quick run) the page has not seen: Trove places them (its
      // quick starting layout) and draws; plain Cytoscape is given them with positions.
      const drawSize = quick ? 5000 : 20000;
      const firstDraw = await page.evaluate(async (size) => {
        const w = globalThis as unknown as BenchWindow;
        w.__plain?.cy.destroy();
        w.__plain?.box.remove();
        const g = w.troveGraph;
        g.place({});
        g.cy.elements().remove();
        await w.__frames();
        const scene = w.__benchGraph(size, false);
        let t = performance.now();
        g.sync(scene);
        g.runLayout('fcose', { randomize: true });
        const trove = (await w.__frames()) - t;
        const troveLongest = w.__longest(t);
        g.place({});
        g.cy.elements().remove();
        await w.__frames();
        const rect = g.cy.container()?.getBoundingClientRect();
        const box = document.createElement('div');
        Object.assign(box.style, {
          position: 'fixed',
          left: '0',
          top: '0',
          width: `${rect?.width ?? 800}px`,
          height: `${rect?.height ?? 600}px`,
          zIndex: '1000',
        });
        document.body.append(box);
        const defs = w.__benchGraph(size, true);
        t = performance.now();
        const cy = w.troveCytoscape({
          container: box,
          elements: [...defs.nodes, ...defs.edges],
          style: [{ selector: 'node', style: { label: 'data(label)' } }],
          layout: { name: 'preset' },
        });
        cy.fit();
        const plain = (await w.__frames()) - t;
        cy.destroy();
        box.remove();
        return { trove, plain, troveLongest };
      }, drawSize);
      console.log(
        `  first draw of ${drawSize / 1000}k elements: Trove ${firstDraw.trove.toFixed(0)} ms (longest task ${firstDraw.troveLongest.toFixed(0)} ms), plain ${firstDraw.plain.toFixed(0)} ms`,
      );
      figures.push(
        figure(
          'page: first draw of new elements (vs plain, preset)',
          `${drawSize / 1000}k elements`,
          'ms',
          firstDraw.trove,
          firstDraw.plain,
          'plain Cytoscape, given positions',
          drawSize >= 20000 ? { text: '< 2500 ms at 20k', met: (v) => v < 2500 } : undefined,
        ),
      );
    }

    if (want('fcose')) {
      // fcose over 1,000 nodes as the page runs it (a quick draft drawn, the layout in the worker),
      // beside the same fcose on the main thread of a headless Cytoscape.
      const fcose = await page.evaluate(async () => {
        const w = globalThis as unknown as BenchWindow;
        const g = w.troveGraph;
        g.place({});
        g.cy.elements().remove();
        await w.__frames();
        const scene = w.__benchGraph(3000, false);
        const t = performance.now();
        g.sync(scene);
        await new Promise<void>((done) => g.runLayout('fcose', { randomize: true, onDone: done }));
        const worker = performance.now() - t;
        const longest = w.__longest(t);
        const headless = w.troveCytoscape({
          headless: true,
          styleEnabled: true,
          elements: [...scene.nodes, ...scene.edges],
          style: [{ selector: 'node', style: { width: 24, height: 24 } }],
        }) as BenchCy & { layout(o: object): { run(): void } };
        const m = performance.now();
        headless.layout({ name: 'fcose', animate: false, randomize: true }).run();
        const main = performance.now() - m;
        headless.destroy();
        return { worker, main, longest };
      });
      console.log(
        `  fcose, 1,000 nodes: page (worker) ${fcose.worker.toFixed(0)} ms, longest main-thread task ${fcose.longest.toFixed(0)} ms | on the main thread ${fcose.main.toFixed(0)} ms`,
      );
      figures.push(
        figure(
          'page: fcose of 1,000 nodes, worker (vs main thread)',
          '1k nodes',
          'ms',
          fcose.worker,
          fcose.main,
          'fcose on the main thread',
          {
            text: '< 1000 ms',
            met: (v) => v < 1000,
          },
        ),
        figure(
          'page: longest task during fcose of 1,000 nodes',
          '1k nodes',
          'ms',
          fcose.longest,
          fcose.main,
          'fcose on the main thread',
          {
            text: '< 200 ms',
            met: (v) => v < 200,
          },
        ),
      );
    }

    if (want('groups')) {
      // 100k elements open as groups by kind; one group then opens on demand. A quick run takes the
      // least the page groups (below GROUP_ABOVE it draws every element, which measured nothing of
      // the grouping and cost the quick run most of a minute), and leaves out plain Cytoscape's
      // drawing of all of them, which the full run measures.
      const groupSize = quick ? GROUP_ABOVE + 1000 : 100000;
      const grouped = await page.evaluate(
        async ({ size, ms }) => {
          const w = globalThis as unknown as BenchWindow;
          const g = w.troveGraph;
          g.place({});
          g.cy.elements().remove();
          await w.__frames();
          const scene = w.__benchGraph(size, false, true);
          const t = performance.now();
          g.sync(scene);
          const open = (await w.__frames()) - t;
          const openLongest = w.__longest(t);
          const groups = g.groups();
          const first = groups[0];
          const e = performance.now();
          if (first) g.toggleGroup(first.key);
          const expand = (await w.__frames()) - e;
          const longest = w.__longest(e);
          const drawn = g.cy.elements().length;
          // Panned and zoomed with that group open, as the other sizes are.
          const pan = await w.__pan(g.cy, ms);
          if (first) g.toggleGroup(first.key);
          // By community instead (Louvain in the worker): the page's thread only regroups.
          const c = performance.now();
          await g.setGroupBy('community');
          const community = (await w.__frames()) - c;
          const communityLongest = w.__longest(c);
          const communities = g.groups().length;
          await g.setGroupBy('kind');
          g.sync({ nodes: [], edges: [] });
          return {
            open,
            openLongest,
            groups: groups.length,
            expand,
            members: first?.count ?? 0,
            drawn,
            longest,
            pan,
            community,
            communityLongest,
            communities,
          };
        },
        { size: groupSize, ms },
      );
      // Plain Cytoscape given the same elements whole, with positions.
      let plainDraw: number | null = null;
      let plainPan: { fps: number; longestTaskMs: number } | null = null;
      if (!quick) {
        const plainStart = performance.now();
        await load(page, 'plain', groupSize);
        plainDraw = performance.now() - plainStart;
        plainPan = await framesWhilePanning(page, 'plain', ms);
        await page.evaluate(() => {
          const w = globalThis as unknown as BenchWindow;
          w.__plain?.cy.destroy();
          w.__plain?.box.remove();
          delete w.__plain;
        });
      }
      console.log(
        `  ${groupSize / 1000}k elements as ${grouped.groups} groups: open ${grouped.open.toFixed(0)} ms (longest task ${grouped.openLongest.toFixed(0)} ms); a group of ${grouped.members} opened in ${grouped.expand.toFixed(0)} ms (${grouped.drawn} elements drawn, longest task ${grouped.longest.toFixed(0)} ms); panning ${grouped.pan.fps.toFixed(1)} fps (longest task ${grouped.pan.longestTaskMs.toFixed(0)} ms) | ${plainDraw === null || plainPan === null ? 'plain Cytoscape not measured (quick)' : `plain Cytoscape, all ${groupSize / 1000}k drawn: first draw ${plainDraw.toFixed(0)} ms, ${plainPan.fps.toFixed(1)} fps (longest task ${plainPan.longestTaskMs.toFixed(0)} ms)`}; by community: ${grouped.communities} groups in ${grouped.community.toFixed(0)} ms (longest task ${grouped.communityLongest.toFixed(0)} ms)`,
      );
      const at = `${groupSize / 1000}k elements`;
      figures.push(
        figure(
          'page: open as groups (by kind)',
          at,
          'ms',
          grouped.open,
          plainDraw,
          'plain Cytoscape, first draw of all',
        ),
        figure(
          'page: open one group',
          `${(grouped.members / 1000).toFixed(1)}k members`,
          'ms',
          grouped.expand,
          null,
          '–',
        ),
        figure(
          'page: fps panning as groups, one open (vs plain, all drawn)',
          at,
          'fps',
          grouped.pan.fps,
          plainPan?.fps ?? null,
          'plain Cytoscape, all elements',
        ),
        figure(
          'page: longest task panning as groups (vs plain, all drawn)',
          at,
          'ms',
          grouped.pan.longestTaskMs,
          plainPan?.longestTaskMs ?? null,
          'plain Cytoscape, all elements',
        ),
        figure('page: group by community (Louvain in the worker)', at, 'ms', grouped.community, null, '–'),
        figure('page: longest task, grouping by community', at, 'ms', grouped.communityLongest, null, '–', {
          text: '< 200 ms',
          met: (v) => v < 200,
        }),
      );
    }
    await context.close();

    if (want('webgl')) {
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
      const webglContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await webglContext.addInitScript(INIT_SCRIPT);
      const webglPage = await webglContext.newPage();
      if (!(await openBenchPage(webglPage, `${baseUrl}/?bench&renderer=webgl`))) {
        // Reported, not fatal: a browser without a usable WebGL context cannot build that renderer.
        console.log('  webgl: the page did not come up with this renderer; not measured');
      } else {
        // The WebGL renderer is an option for machines with a GPU; a quick run checks it still draws.
        for (const size of quick ? sizes.slice(0, 1) : sizes) {
          await load(webglPage, 'trove', size);
          const webgl = await framesWhilePanning(webglPage, 'trove', ms);
          const base = canvas[size];
          console.log(
            `  webgl ${size} elements: ${webgl.fps.toFixed(1)} fps, median frame ${webgl.medianMs.toFixed(1)} ms`,
          );
          figures.push(
            figure(
              'page: fps panning, WebGL (vs canvas)',
              `${size / 1000}k elements`,
              'fps',
              webgl.fps,
              base?.fps ?? null,
              'canvas renderer',
            ),
          );
        }
      }
      await webglContext.close();
    }
    lap();
  } finally {
    await browser.close();
  }
  return figures;
}
