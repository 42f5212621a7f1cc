import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphSettled } from '../support/labels.js';
import { usePageSuite } from '../support/page-suite.js';

interface Spot {
  id: string;
  /** Where the node is drawn, in page pixels. */
  x: number;
  y: number;
  /**
   * Where it is drawn from the canvas's centre: what the reader sees of it in the graph, whatever
   * else on the page takes a few pixels more or less (the legend's counts may wrap to a second line;
   * a resize keeps the centre).
   */
  fromCentre: { x: number; y: number };
}

/** Page position of one node (or of the drawn node nearest the canvas centre), via ?bench's hook. */
function nodeOnPage(page: Page, id: string | null): Promise<Spot> {
  return page.evaluate((wanted) => {
    interface Node {
      id(): string;
      renderedPosition(): { x: number; y: number };
    }
    interface Cy {
      width(): number;
      height(): number;
      container(): HTMLElement;
      nodes(): { map<T>(fn: (n: Node) => T): T[] };
    }
    const graph = (
      globalThis as unknown as {
        troveGraph?: { cy: Cy; renderedPosition(id: string): { x: number; y: number } | null };
      }
    ).troveGraph;
    if (!graph) throw new Error('no graph on the page (open it with ?bench)');
    const box = graph.cy.container().getBoundingClientRect();
    let target = wanted;
    if (!target) {
      const cx = graph.cy.width() / 2;
      const cy = graph.cy.height() / 2;
      const nearest = graph.cy
        .nodes()
        .map((n) => ({ id: n.id(), d: Math.hypot(n.renderedPosition().x - cx, n.renderedPosition().y - cy) }))
        .sort((a, b) => a.d - b.d)[0];
      if (!nearest) throw new Error('no nodes drawn');
      target = nearest.id;
    }
    const p = graph.renderedPosition(target);
    if (!p) throw new Error(`node ${target} is not drawn`);
    return {
      id: target,
      x: box.left + p.x,
      y: box.top + p.y,
      fromCentre: { x: p.x - box.width / 2, y: p.y - box.height / 2 },
    };
  }, id);
}

/**
 * A shared link looks like what the sender saw: a node the sender dragged is, in the link's page,
 * drawn exactly where the sender left it, not where the seeded layout would put it.
 */
describe('a shared link keeps the nodes the sender moved', () => {
  const suite = usePageSuite();

  async function open(url: string): Promise<Page> {
    const page = await suite.browser.newPage({
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
    });
    // ?bench exposes the page's graph controller to the test.
    await page.goto(`${url}${url.includes('?') ? '&' : '?'}bench`);
    await graphSettled(page);
    return page;
  }

  it('reopens a dragged node where it was dropped', async () => {
    const sender = await open(`${suite.app.url}/`);
    const start = await nodeOnPage(sender, null);
    await sender.mouse.move(start.x, start.y);
    await sender.mouse.down();
    for (let i = 1; i <= 10; i += 1) await sender.mouse.move(start.x + 9 * i, start.y + 6 * i);
    await sender.mouse.up();
    await graphSettled(sender);
    const dropped = await nodeOnPage(sender, start.id);
    // The node really moved: otherwise the seeded layout alone would pass this test.
    expect(Math.hypot(dropped.x - start.x, dropped.y - start.y)).toBeGreaterThan(50);
    await expect.poll(() => new URL(sender.url()).searchParams.get('pos')).toBeTruthy();
    const link = sender.url();

    const receiver = await open(link);
    const reopened = await nodeOnPage(receiver, start.id);
    expect(Math.abs(reopened.fromCentre.x - dropped.fromCentre.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(reopened.fromCentre.y - dropped.fromCentre.y)).toBeLessThanOrEqual(1);
    await receiver.close();
    await sender.close();
  });
});
