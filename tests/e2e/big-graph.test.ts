// Big graphs in the page (issue #22): the minimap beyond 1,000 elements, groups for a graph too large
// to draw whole, labels after a gesture on a large graph, and a 2k-element graph that keeps readable
// labels. The graphs are synthetic, given to the page's own graph (exposed by ?bench, as for
// bench/browser.ts) as the scene would give them. Timings are the bench's business, not these tests'.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { graphSettled, readLabels } from '../support/labels.js';
import { openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

const KINDS = ['Person', 'Organization', 'Place', 'Event', 'Document', 'Group', 'Facility'];

/** Gives the page's graph `elements` synthetic elements (a third nodes, every kind) and lays them out. */
async function showSynthetic(page: Page, elements: number): Promise<void> {
  await page.evaluate(
    ({ elements, kinds }) => {
      const nodes = Math.round(elements / 3);
      const scene = {
        nodes: Array.from({ length: nodes }, (_, i) => ({
          data: { id: `n${i}`, label: `Entity ${i}`, kind: kinds[i % kinds.length], size: 24 },
          classes: [],
        })),
        edges: Array.from({ length: elements - nodes }, (_, i) => {
          const a = i % nodes;
          const b = (a * 7 + 1 + Math.floor(i / nodes) * 13) % nodes;
          return {
            data: { id: `e${i}`, source: `n${a}`, target: `n${b}`, label: 'concerns', stance: 'reported' },
            classes: [],
          };
        }),
      };
      const graph = (
        globalThis as unknown as {
          troveGraph: { sync(s: typeof scene): string[]; runLayout(n: string, o: object): void };
        }
      ).troveGraph;
      if (graph.sync(scene).length > 0) graph.runLayout('fcose', { randomize: true });
    },
    { elements, kinds: KINDS },
  );
}

interface GroupState {
  key: string;
  label: string;
  count: number;
  open: boolean;
}

function groups(page: Page): Promise<GroupState[]> {
  return page.evaluate(() =>
    (globalThis as unknown as { troveGraph: { groups(): GroupState[] } }).troveGraph.groups(),
  );
}

function drawnNodes(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { troveGraph: { cy: { nodes(): { length: number } } } }).troveGraph.cy.nodes()
        .length,
  );
}

describe('big graphs in the page', { timeout: 240_000 }, () => {
  const suite = usePageSuite();
  const problems: string[] = [];

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const open = async (viewport = { width: 1280, height: 800 }) => {
    const page = await openStrictPage(suite.browser, `${suite.app.url}/?bench`, problems, { viewport });
    await graphSettled(page, 90_000);
    return page;
  };

  it('shows a minimap beyond 1,000 elements, hidden from the keyboard and screen readers, and none for the article', async () => {
    const page = await open();
    const minimap = page.locator('#graph-minimap');
    // The article (151 elements) has none.
    await expect(minimap.isVisible()).resolves.toBe(false);
    await showSynthetic(page, 3000);
    await graphSettled(page, 60_000);
    await expect(minimap.isVisible()).resolves.toBe(true);
    await expect(minimap.getAttribute('aria-hidden')).resolves.toBe('true');
    // It shows the graph (the navigator's thumbnail) and the camera's frame.
    await page.waitForFunction(() =>
      document.querySelector('#graph-minimap img')?.getAttribute('src')?.startsWith('data:image/png'),
    );
    await expect(minimap.locator('.cytoscape-navigatorView').count()).resolves.toBe(1);
    // Nothing in it takes the keyboard's focus.
    const focusable = await minimap.evaluate(
      (el) =>
        el.querySelectorAll('a, button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length,
    );
    expect(focusable).toBe(0);
    // Back to a small graph: gone.
    await showSynthetic(page, 600);
    await graphSettled(page, 60_000);
    await expect(minimap.isVisible()).resolves.toBe(false);
    await page.close();
  });

  it('keeps the minimap clear of the graph tools on a phone', async () => {
    const page = await open({ width: 390, height: 844 });
    await showSynthetic(page, 3000);
    await graphSettled(page, 60_000);
    const map = await page.locator('#graph-minimap').boundingBox();
    expect(map).not.toBeNull();
    const controls = await page
      .locator('.graph-toolbar, .graph-toolbar button, .selection-bar, .graph-hint, .legend')
      .evaluateAll((els) =>
        els
          .filter((el) => (el as HTMLElement).offsetParent !== null)
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { name: el.className, x1: r.left, y1: r.top, x2: r.right, y2: r.bottom };
          }),
      );
    const m = { x1: map!.x, y1: map!.y, x2: map!.x + map!.width, y2: map!.y + map!.height };
    const covered = controls.filter((c) => c.x1 < m.x2 && m.x1 < c.x2 && c.y1 < m.y2 && m.y1 < c.y2);
    expect(covered.map((c) => c.name)).toEqual([]);
    // Inside the viewport.
    expect(m.x2).toBeLessThanOrEqual(390);
    expect(m.y2).toBeLessThanOrEqual(844);
    await page.close();
  });

  it('opens a graph too large to draw whole as groups by kind, which open and close on double-click', async () => {
    const page = await open();
    await showSynthetic(page, 60_000);
    const closed = await groups(page);
    expect(closed.map((g) => g.key).sort()).toEqual([...KINDS].sort());
    expect(closed.reduce((n, g) => n + g.count, 0)).toBe(20_000);
    expect(await drawnNodes(page)).toBe(KINDS.length);
    const at = await page.evaluate(() => {
      const g = (
        globalThis as unknown as {
          troveGraph: {
            cy: {
              getElementById(id: string): { renderedPosition(): { x: number; y: number } };
              container(): HTMLElement;
            };
          };
        }
      ).troveGraph;
      const p = g.cy.getElementById('group:Place').renderedPosition();
      const r = g.cy.container().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as { troveGraph: { cy: { nodes(): { length: number } } } }
        ).troveGraph.cy.nodes().length > 7,
      undefined,
      { timeout: 30_000 },
    );
    const place = (await groups(page)).find((g) => g.key === 'Place');
    expect(place?.open).toBe(true);
    expect(await drawnNodes(page)).toBe(KINDS.length + (place?.count ?? 0));
    // The group's members are the entities of that kind.
    const kinds = await page.evaluate(() =>
      (
        globalThis as unknown as {
          troveGraph: {
            cy: {
              nodes(sel: string): {
                not(sel: string): { map(f: (n: { data(k: string): string }) => string): string[] };
              };
            };
          };
        }
      ).troveGraph.cy
        .nodes('node')
        .not('.group')
        .map((n) => n.data('kind')),
    );
    expect(new Set(kinds)).toEqual(new Set(['Place']));
    await page.evaluate(() =>
      (globalThis as unknown as { troveGraph: { toggleGroup(k: string): void } }).troveGraph.toggleGroup(
        'Place',
      ),
    );
    expect(await drawnNodes(page)).toBe(KINDS.length);
    await page.close();
  });

  it('groups a graph too large to draw whole by community when asked, linked entities together, and opens one on demand', async () => {
    const page = await open();
    // 20 clusters of 1,000 entities of every kind, each linked within its cluster, and a few links
    // (every 50th entity) to the next cluster: 60,400 elements.
    await page.evaluate((kinds) => {
      const clusters = 20;
      const size = 1000;
      const nodes: object[] = [];
      const edges: object[] = [];
      for (let c = 0; c < clusters; c += 1)
        for (let i = 0; i < size; i += 1)
          nodes.push({
            data: {
              id: `n${c * size + i}`,
              label: `Entity ${c}-${i}`,
              kind: kinds[i % kinds.length]!,
              size: 24,
            },
            classes: [],
          });
      for (let c = 0; c < clusters; c += 1)
        for (let i = 0; i < size; i += 1) {
          const link = (to: number) =>
            edges.push({
              data: {
                id: `e${edges.length}`,
                source: `n${c * size + i}`,
                target: `n${to}`,
                label: 'concerns',
                stance: 'reported',
              },
              classes: [],
            });
          for (const k of [0, 1]) link(c * size + ((i * 7 + 1 + k * 13) % size));
          if (i % 50 === 0) link(((c + 1) % clusters) * size + i);
        }
      (globalThis as unknown as { troveGraph: { sync(s: object): string[] } }).troveGraph.sync({
        nodes,
        edges,
      });
    }, KINDS);
    expect((await groups(page)).map((g) => g.key).sort()).toEqual([...KINDS].sort());

    // Which group holds most of each planted cluster, and how much of it.
    const clusterGroups = () =>
      page.evaluate(() => {
        const g = (globalThis as unknown as { troveGraph: { groupOf(id: string): string | null } })
          .troveGraph;
        return Array.from({ length: 20 }, (_, c) => {
          const counts = new Map<string, number>();
          for (let i = 0; i < 1000; i += 1) {
            const key = g.groupOf(`n${c * 1000 + i}`) ?? '';
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          const [key, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
          return { key, share: count / 1000 };
        });
      });
    // By kind, no group holds a cluster: kinds cut across them.
    expect(Math.max(...(await clusterGroups()).map((c) => c.share))).toBeLessThan(0.2);

    await page.getByRole('combobox', { name: 'Group by' }).selectOption('community');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { troveGraph: { groupedBy: string | null } }).troveGraph.groupedBy ===
        'community',
      undefined,
      { timeout: 60_000 },
    );
    const communities = await groups(page);
    expect(communities.reduce((n, g) => n + g.count, 0)).toBe(20_000);
    expect(await drawnNodes(page)).toBe(communities.length);
    // Each cluster is (almost all) one community, and no two clusters share one.
    const found = await clusterGroups();
    for (const cluster of found) expect(cluster.share).toBeGreaterThanOrEqual(0.95);
    expect(new Set(found.map((c) => c.key)).size).toBe(20);
    // A community is named after a member, not numbered.
    expect(communities.every((g) => /^Around Entity \d+-\d+ \([\d,]+\)$/.test(g.label))).toBe(true);

    // Opened on demand: its members are drawn, the entities of one cluster.
    const first = found[0]!.key;
    await page.evaluate(
      (key) =>
        (globalThis as unknown as { troveGraph: { toggleGroup(k: string): void } }).troveGraph.toggleGroup(
          key,
        ),
      first,
    );
    const members = communities.find((g) => g.key === first)!.count;
    expect(await drawnNodes(page)).toBe(communities.length + members);
    expect((await groups(page)).find((g) => g.key === first)?.open).toBe(true);

    // And back to groups by kind.
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('kind');
    expect((await groups(page)).map((g) => g.key).sort()).toEqual([...KINDS].sort());
    await page.close();
  });

  it('brings the labels of a large graph back after a gesture, readable and apart', async () => {
    const page = await open();
    await showSynthetic(page, 4000);
    await graphSettled(page, 90_000);
    // Zoomed out on 1,333 nodes the labels are left out; close in they are drawn.
    const canvas = (await page.locator('.graph-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    const zoom = () =>
      page.evaluate(() =>
        (globalThis as unknown as { troveGraph: { cy: { zoom(): number } } }).troveGraph.cy.zoom(),
      );
    for (let i = 0; i < 80 && (await zoom()) < 1.6; i += 1) await page.mouse.wheel(0, -300);
    await graphSettled(page, 30_000);
    const after = await readLabels(page);
    expect(after.visible).toBeGreaterThan(0);
    expect(after.tiny).toEqual([]);
    expect(after.overlaps).toEqual([]);
    // A drag (pan) of the view, then at rest: labels again, none overlapping.
    await page.mouse.down();
    for (let i = 1; i <= 10; i += 1)
      await page.mouse.move(canvas.x + canvas.width / 2 + i * 20, canvas.y + canvas.height / 2 + i * 10);
    await page.mouse.up();
    await graphSettled(page, 30_000);
    const panned = await readLabels(page);
    expect(panned.visible).toBeGreaterThan(0);
    expect(panned.overlaps).toEqual([]);
    await page.close();
  });

  it('keeps readable labels on a 2k-element graph at the zoom it opens with', async () => {
    const page = await open();
    await showSynthetic(page, 2000);
    await graphSettled(page, 90_000);
    const labels = await readLabels(page);
    expect(labels.visible).toBeGreaterThan(10);
    expect(labels.tiny).toEqual([]);
    expect(labels.overlaps).toEqual([]);
    await page.close();
  });
});
