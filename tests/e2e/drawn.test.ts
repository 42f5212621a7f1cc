// What the page draws, not only what its state says: the Cytoscape instance (exposed by `?bench`,
// as for bench/browser.ts) and the rendered boxes, against expectations from the dataset itself.
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { timelineRows } from '../../client/src/timeline/rows.js';
import type { TimelineResponseT } from '../../contract/timeline.js';
import type { CompiledDataset } from '../../seed/src/index.js';
import { readArticle } from '../support/article.js';
import { openStrictPage } from '../support/strict-page.js';
import { usePageSuite } from '../support/page-suite.js';

interface DrawnNode {
  id: string;
  label: string;
  visible: boolean;
  width: number;
  color: string;
  x: number;
  y: number;
  box: { x1: number; y1: number; x2: number; y2: number };
  degree: number;
}

/** The nodes and edges Cytoscape has, with their rendered boxes and styles. */
function drawn(page: Page): Promise<{ nodes: DrawnNode[]; edges: string[]; width: number; height: number }> {
  return page.evaluate(() => {
    type El = {
      id(): string;
      data(key: string): string;
      visible(): boolean;
      width(): number;
      style(key: string): string;
      position(): { x: number; y: number };
      renderedBoundingBox(): { x1: number; y1: number; x2: number; y2: number };
      degree(loops: boolean): number;
    };
    const cy = (
      globalThis as unknown as {
        troveGraph: {
          cy: {
            nodes(): { map<T>(f: (n: El) => T): T[] };
            edges(): { map<T>(f: (e: El) => T): T[] };
            width(): number;
            height(): number;
          };
        };
      }
    ).troveGraph.cy;
    return {
      nodes: cy.nodes().map((n) => ({
        id: n.id(),
        label: n.data('label'),
        visible: n.visible(),
        width: n.width(),
        color: n.style('background-color'),
        x: n.position().x,
        y: n.position().y,
        box: n.renderedBoundingBox(),
        degree: n.degree(false),
      })),
      edges: cy.edges().map((e) => e.id()),
      width: cy.width(),
      height: cy.height(),
    };
  });
}

/** Until the graph has nodes and no layout is running. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const g = (
        globalThis as unknown as { troveGraph?: { cy: { nodes(): { length: number } }; layingOut: boolean } }
      ).troveGraph;
      return g !== undefined && g.cy.nodes().length > 0 && !g.layingOut;
    },
    undefined,
    { timeout: 30_000 },
  );
}

describe('what the page draws', () => {
  const suite = usePageSuite();
  let dataset: CompiledDataset;
  const problems: string[] = [];

  beforeAll(async () => {
    dataset = await readArticle();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const open = (path: string) =>
    openStrictPage(suite.browser, `${suite.app.url}${path}`, problems, {
      viewport: { width: 1440, height: 900 },
    });

  it('opens on the whole article graph, every entity and link drawn inside the canvas', async () => {
    const page = await open('/?bench');
    await settled(page);
    const graph = await drawn(page);
    const entities = dataset.data.entities.map((e) => e.id).sort();
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(entities);
    expect(graph.edges.sort()).toEqual(dataset.data.relationships.map((r) => r.id).sort());
    // Drawn: visible, and laid out inside the canvas (the layout fits the graph to it).
    const outside = graph.nodes.filter(
      (n) =>
        !n.visible ||
        n.box.x1 < -1 ||
        n.box.y1 < -1 ||
        n.box.x2 > graph.width + 1 ||
        n.box.y2 > graph.height + 1,
    );
    expect(outside.map((n) => n.id)).toEqual([]);
    // Spread out, not heaped: no two nodes on the same spot.
    expect(new Set(graph.nodes.map((n) => `${Math.round(n.x)},${Math.round(n.y)}`)).size).toBe(
      entities.length,
    );
    await page
      .getByRole('region', { name: 'Relationship graph' })
      .getByText(new RegExp(`Showing ${entities.length} nodes, ${dataset.data.relationships.length} links`))
      .waitFor();
    await page.close();
  });

  it('sizes and colours the nodes by the metrics when asked, and takes that off again', async () => {
    const page = await open('/?bench&page=query&wb=metrics');
    await settled(page);
    const workbench = page.getByRole('complementary', { name: 'Query workbench' });
    const ranked = workbench.getByRole('table', { name: 'Entities ranked by the chosen metric' });
    await ranked.locator('tbody tr').first().waitFor({ timeout: 15_000 });
    const before = await drawn(page);
    const style = workbench.getByRole('button', { name: 'Style the graph by these metrics' });
    await style.click();
    await expect.poll(() => style.getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(async () => (await drawn(page)).nodes.filter((n, i) => n.width !== before.nodes[i]?.width).length)
      .toBeGreaterThan(before.nodes.length / 2);
    const after = await drawn(page);
    const byName = new Map(after.nodes.map((n) => [n.label, n]));
    const rows = await ranked.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
        return { name: cells[1] ?? '', community: cells[3] ?? '' };
      }),
    );
    const onGraph = rows.map((r) => ({ ...r, node: byName.get(r.name) })).filter((r) => r.node !== undefined);
    expect(onGraph.length).toBeGreaterThan(10);
    // Size follows the ranking: never larger further down, and the first is the largest on the graph.
    const widths = onGraph.map((r) => r.node?.width ?? 0);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(widths[0]).toBe(Math.max(...after.nodes.map((n) => n.width)));
    expect(new Set(widths).size).toBeGreaterThan(2);
    // Colour follows the community column: one colour per community.
    const colours = new Map<string, Set<string>>();
    for (const r of onGraph)
      colours.set(r.community, (colours.get(r.community) ?? new Set()).add(r.node?.color ?? ''));
    for (const [community, set] of colours) expect(set.size, `community ${community}`).toBe(1);
    expect(new Set([...colours.values()].map((s) => [...s][0])).size).toBe(colours.size);

    await style.click();
    await expect
      .poll(async () => (await drawn(page)).nodes.map((n) => [n.width, n.color]))
      .toEqual(before.nodes.map((n) => [n.width, n.color]));
    await page.close();
  });

  it('draws each timeline bar as long as the time its date covers', async () => {
    const page = await open('/?tab=timeline');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('button').first().waitFor({ timeout: 20_000 });
    const { items: all } = (await (await fetch(`${suite.app.url}/api/timeline`)).json()) as TimelineResponseT;
    // One row per happening: the page draws each row's lead item (its event, or its first link).
    const items = timelineRows(all).map((row) => row.lead);
    expect(items.length).toBeGreaterThan(0);
    // One year of the axis in pixels: the track's width over the years the axis shows.
    const track = (await timeline.locator('.timeline-track').first().boundingBox())?.width ?? 0;
    const year = track / (await timeline.locator('.timeline-axis span').count());
    expect(year).toBeGreaterThan(10);
    const bars = timeline.locator('.timeline-item');
    expect(await bars.count()).toBe(items.length);
    // In years: a year to the next, a month a twelfth, a day its share of its month; a range to its end.
    const years = (date: { start: string; end: string | null }): number => {
      const at = (value: string, end: boolean) => {
        const [y = 0, m, d] = value.split('-').map(Number);
        if (m === undefined) return y + (end ? 1 : 0);
        const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
        if (d === undefined) return y + (m - 1 + (end ? 1 : 0)) / 12;
        return y + (m - 1) / 12 + (d - 1 + (end ? 1 : 0)) / days / 12;
      };
      return at(date.end ?? date.start, true) - at(date.start, false);
    };
    for (const [i, item] of items.entries()) {
      const row = bars.nth(i);
      expect(await row.textContent()).toContain(item.label);
      const width = (await row.locator('.timeline-bar').boundingBox())?.width ?? -1;
      // Within a pixel: a month is a twelfth of a year, so any wrong precision is off by several.
      const expected = years(item.date) * year;
      expect(
        Math.abs(width - expected),
        `${item.label} (${item.date.start}–${item.date.end ?? ''}): ${width} px, not ${expected}`,
      ).toBeLessThanOrEqual(1);
    }
    await page.close();
  });

  it('lays the graph out again when another layout is chosen', async () => {
    const page = await open('/?bench&sel=xi-jinping');
    await settled(page);
    const force = await drawn(page);
    const layout = page.getByRole('combobox', { name: /^Layout/ });

    await layout.selectOption({ label: 'Concentric by degree' });
    await expect.poll(() => new URL(page.url()).searchParams.get('layout')).toBe('concentric');
    await settled(page);
    const rings = await drawn(page);
    const moved = rings.nodes.filter(
      (n, i) => Math.hypot(n.x - (force.nodes[i]?.x ?? 0), n.y - (force.nodes[i]?.y ?? 0)) > 5,
    );
    expect(moved.length).toBeGreaterThan(rings.nodes.length / 2);
    // Concentric by degree: the best-connected entity sits nearer the centre than the least connected.
    const cx = rings.nodes.reduce((s, n) => s + n.x, 0) / rings.nodes.length;
    const cy = rings.nodes.reduce((s, n) => s + n.y, 0) / rings.nodes.length;
    const byDegree = [...rings.nodes].sort((a, b) => b.degree - a.degree);
    const distance = (n?: DrawnNode) => (n ? Math.hypot(n.x - cx, n.y - cy) : Number.NaN);
    expect(distance(byDegree[0])).toBeLessThan(distance(byDegree.at(-1)));

    await layout.selectOption({ label: 'Tree from selection' });
    await settled(page);
    // The tree hangs from the selection: every entity connected to it sits on a level below it.
    // (Entities of other components are trees of their own, placed wherever Cytoscape puts them.)
    const component = new Set(['xi-jinping']);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of dataset.data.relationships) {
        if (component.has(r.from) !== component.has(r.to)) {
          component.add(r.from).add(r.to);
          grew = true;
        }
      }
    }
    expect(component.size).toBeGreaterThan(10);
    await expect
      .poll(async () => {
        const tree = await drawn(page);
        const root = tree.nodes.find((n) => n.id === 'xi-jinping');
        return tree.nodes
          .filter((n) => component.has(n.id) && n.id !== 'xi-jinping' && (!root || n.y <= root.y + 1))
          .map((n) => n.id);
      })
      .toEqual([]);
    await page.close();
  });
});
