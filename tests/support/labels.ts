import type { Page } from 'playwright-core';

/** What a reader can read of the graph's node labels, measured from Cytoscape itself. */
export interface LabelReport {
  /** Node labels drawn on screen (inside the canvas, not faded out, big enough to be drawn). */
  visible: number;
  /** Pairs of drawn labels whose boxes overlap, by label text. */
  overlaps: string[];
  /** Drawn labels under the minimum size, with their size in CSS pixels. */
  tiny: string[];
  /** Smallest drawn label, CSS pixels (Infinity with none). */
  minPx: number;
}

/** The smallest label a reader should have to read, in CSS pixels. */
export const MIN_LABEL_PX = 11;

/**
 * Reads the label box of every node from the page's Cytoscape instance (a page opened with ?bench
 * exposes it) and counts overlaps and labels below MIN_LABEL_PX. A label counts
 * as drawn when its node is visible, its text has opacity above 0.1, Cytoscape would draw it at this
 * zoom (not below its min-zoomed-font-size) and its box reaches into the canvas.
 */
export function readLabels(page: Page): Promise<LabelReport> {
  return page.evaluate((minPx) => {
    interface Box {
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      w: number;
      h: number;
    }
    interface Node {
      visible(): boolean;
      style(name: string): string;
      effectiveOpacity(): number;
      renderedBoundingBox(options: Record<string, boolean>): Box;
    }
    interface Cy {
      zoom(): number;
      width(): number;
      height(): number;
      nodes(): { forEach(fn: (n: Node) => void): void };
    }
    const cy = (globalThis as unknown as { troveGraph?: { cy: Cy } }).troveGraph?.cy;
    if (!cy) throw new Error('no Cytoscape instance on the page (open it with ?bench)');
    const zoom = cy.zoom();
    const drawn: { text: string; box: Box }[] = [];
    const tiny: string[] = [];
    let smallest = Infinity;
    cy.nodes().forEach((node) => {
      if (!node.visible()) return;
      const text = node.style('label');
      if (!text) return;
      const opacity = node.effectiveOpacity() * Number.parseFloat(node.style('text-opacity'));
      if (opacity <= 0.1) return;
      const px = Number.parseFloat(node.style('font-size')) * zoom;
      if (px < Number.parseFloat(node.style('min-zoomed-font-size'))) return;
      const box = node.renderedBoundingBox({
        includeNodes: false,
        includeEdges: false,
        includeLabels: true,
        includeMainLabels: true,
        includeSourceLabels: false,
        includeTargetLabels: false,
        includeOverlays: false,
        includeUnderlays: false,
      });
      if (!(box.w > 0) || box.x2 < 0 || box.y2 < 0 || box.x1 > cy.width() || box.y1 > cy.height()) return;
      drawn.push({ text, box });
      smallest = Math.min(smallest, px);
      if (px < minPx - 0.01) tiny.push(`${text} (${px.toFixed(1)} px)`);
    });
    const overlaps: string[] = [];
    for (let i = 0; i < drawn.length; i += 1) {
      for (let j = i + 1; j < drawn.length; j += 1) {
        const a = drawn[i]!.box;
        const b = drawn[j]!.box;
        const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
        const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        // Half a pixel of slack: boxes that merely touch are not an overlap a reader sees.
        if (w > 0.5 && h > 0.5) overlaps.push(`${drawn[i]!.text} × ${drawn[j]!.text}`);
      }
    }
    return { visible: drawn.length, overlaps, tiny, minPx: smallest };
  }, MIN_LABEL_PX);
}

/**
 * Waits until the graph has nodes and stands still: same positions, zoom and pan over two checks
 * 400 ms apart, with no layout, animation or choice of labels pending.
 */
export async function graphSettled(page: Page, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    const now = await page.evaluate(() => {
      interface Cy {
        zoom(): number;
        pan(): { x: number; y: number };
        nodes(): {
          length: number;
          map(fn: (n: { position(): { x: number; y: number } }) => string): string[];
        };
        elements(): { animated(): boolean };
      }
      const graph = (
        globalThis as unknown as { troveGraph?: { cy: Cy; layingOut: boolean; tidyPending: boolean } }
      ).troveGraph;
      const cy = graph?.cy;
      if (!graph || !cy || graph.layingOut || graph.tidyPending) return '';
      if (cy.nodes().length === 0 || cy.elements().animated()) return '';
      const pan = cy.pan();
      return [
        cy.zoom().toFixed(4),
        pan.x.toFixed(1),
        pan.y.toFixed(1),
        ...cy.nodes().map((n) => `${n.position().x.toFixed(1)},${n.position().y.toFixed(1)}`),
      ].join('|');
    });
    if (now && now === last) return;
    last = now;
    await page.waitForTimeout(400);
  }
  throw new Error('the graph did not settle');
}
