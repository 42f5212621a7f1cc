import type { Core, NodeSingular } from 'cytoscape';

/**
 * Level of detail for node labels. Labels are drawn at a constant size on screen (graphStyle scales
 * their font by 1/zoom), and only as many as fit without touching each other: the most important
 * first (selection, hover, path, pins, the selection's neighbours, then by degree), the others wait
 * for a closer zoom or a hover. The rest are made transparent, not removed, so every node keeps its
 * label box and a hover can bring it back.
 */

/** Node labels on screen, CSS pixels: never under 11 px, the size a reader can read at arm's length. */
export const LABEL_PX = 12;
/** The smallest label a reader should have to read, CSS pixels. */
export const MIN_LABEL_PX = 11;

/**
 * A large graph's labels are sized in graph units and left out by Cytoscape below a zoom with
 * `min-zoomed-font-size`, which it compares not with the size on screen but with the font size times
 * the zoom times the pixel ratio rounded UP to a power of two (its text cache levels). A threshold
 * just above `labelPx` at that level keeps every label drawn at `labelPx` CSS pixels or more: they
 * show from zoom 1 up (on a screen of pixel ratio 3, from 4/3).
 */
export function largeMinZoomedFontSize(labelPx: number, pixelRatio = devicePixelRatioNow()): number {
  return labelPx * 2 ** Math.ceil(Math.log2(Math.max(1, pixelRatio))) + 1;
}

/** Whether Cytoscape draws a large graph's labels at this zoom (see largeMinZoomedFontSize). */
export function largeLabelsDrawn(zoom: number, labelPx: number, pixelRatio = devicePixelRatioNow()): boolean {
  const level = 2 ** Math.ceil(Math.log2(zoom * pixelRatio));
  return labelPx * level >= largeMinZoomedFontSize(labelPx, pixelRatio);
}

function devicePixelRatioNow(): number {
  return typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
}
/** Labels in a presentation are read across a room. */
export const PRESENT_LABEL_PX = 17;
/** Room kept free around each label, CSS pixels. */
const GAP = 3;
/** Above this many nodes the labels are chosen on a grid of cells instead of against each other. */
const CELL = 64;

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const LABEL_BOX = {
  includeNodes: false,
  includeEdges: false,
  includeLabels: true,
  includeMainLabels: true,
  includeSourceLabels: false,
  includeTargetLabels: false,
  includeOverlays: false,
  includeUnderlays: false,
} as const;

function priority(node: NodeSingular): number {
  let p = node.degree(false) * 10 + (node.data('size') as number) / 10;
  if (node.hasClass('group')) p += 1e9;
  if (node.hasClass('selected-node')) p += 1e7;
  if (node.hasClass('hover')) p += 5e6;
  if (node.hasClass('on-path')) p += 1e6;
  if (node.hasClass('pinned')) p += 5e5;
  if (node.hasClass('neighbor')) p += 1e5;
  if (node.hasClass('faded') || node.hasClass('path-dim')) p -= 1e8;
  return p;
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * Shows the labels that fit, hides the rest (class label-off). Cheap: one pass with a grid index.
 * In a large graph (`large`, labels sized in graph units) only the nodes in view are weighed, and
 * none while the zoom is one at which the style does not draw them (largeLabelsDrawn).
 */
export function cullLabels(cy: Core, large = false, labelPx = LABEL_PX): void {
  const width = cy.width();
  const height = cy.height();
  if (width <= 0 || height <= 0) return;
  if (large && !largeLabelsDrawn(cy.zoom(), labelPx)) return;
  const nodes: NodeSingular[] = [];
  const view = cy.extent();
  const margin = 200 / cy.zoom();
  cy.nodes().forEach((node) => {
    if (large) {
      const p = node.position();
      if (
        p.x < view.x1 - margin ||
        p.x > view.x2 + margin ||
        p.y < view.y1 - margin ||
        p.y > view.y2 + margin
      )
        return;
    }
    if (node.visible() && node.data('label')) nodes.push(node);
  });
  const ranked = nodes
    .map((node) => ({ node, p: priority(node) }))
    .sort((a, b) => b.p - a.p || (a.node.id() < b.node.id() ? -1 : 1));
  const grid = new Map<string, Box[]>();
  const cells = (box: Box) => {
    const keys: string[] = [];
    for (let x = Math.floor(box.x1 / CELL); x <= Math.floor(box.x2 / CELL); x += 1)
      for (let y = Math.floor(box.y1 / CELL); y <= Math.floor(box.y2 / CELL); y += 1) keys.push(`${x}:${y}`);
    return keys;
  };
  const show: NodeSingular[] = [];
  const hide: NodeSingular[] = [];
  const free = (node: NodeSingular): { box: Box; keys: string[] } | 'off-screen' | null => {
    const b = node.renderedBoundingBox(LABEL_BOX);
    if (!(b.w > 0)) return null;
    if (b.x2 < 0 || b.y2 < 0 || b.x1 > width || b.y1 > height) return 'off-screen';
    const box = { x1: b.x1 - GAP, y1: b.y1 - GAP, x2: b.x2 + GAP, y2: b.y2 + GAP };
    const keys = cells(box);
    const clash = keys.some((key) => grid.get(key)?.some((other) => overlaps(box, other)));
    return clash ? null : { box, keys };
  };
  // A label that clashes below its node may fit above it (tried while there are few enough nodes).
  const tryAbove = !large && ranked.length <= 600;
  if (!large) cy.nodes('.label-top').removeClass('label-top');
  for (const { node } of ranked) {
    let spot = free(node);
    if (spot === null && tryAbove) {
      node.addClass('label-top');
      spot = free(node);
      if (spot === null) node.removeClass('label-top');
    }
    // Off screen: nothing to collide with now; shown, the next pass decides when it comes into view.
    if (spot === 'off-screen') {
      show.push(node);
      continue;
    }
    if (spot === null) {
      hide.push(node);
      continue;
    }
    show.push(node);
    for (const key of spot.keys) {
      const list = grid.get(key);
      if (list) list.push(spot.box);
      else grid.set(key, [spot.box]);
    }
  }
  cy.batch(() => {
    for (const node of show) if (node.hasClass('label-off')) node.removeClass('label-off');
    for (const node of hide) if (!node.hasClass('label-off')) node.addClass('label-off');
  });
}
