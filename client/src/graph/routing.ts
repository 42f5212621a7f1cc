import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';

/** Above this many elements links stay straight: checking each against every node would cost more than it helps. */
const MAX_ELEMENTS = 1500;
/** Control-point offsets tried for a link that crosses a node, model units, smallest first, each side. */
const BENDS = [40, 70, 110, 160];
const SAMPLES = 12;

interface Point {
  x: number;
  y: number;
}

/** Whether the quadratic curve from a to b bent by `bend` passes over any node but its ends. */
function crosses(a: Point, b: Point, bend: number, obstacles: { p: Point; r: number }[]): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // Cytoscape puts the control point `bend` from the middle along the normal (-dy, dx) of
  // source → target; the curve's own middle then sits half way to it.
  const control = { x: (a.x + b.x) / 2 + (-dy / length) * bend, y: (a.y + b.y) / 2 + (dx / length) * bend };
  for (let i = 1; i < SAMPLES; i += 1) {
    const t = i / SAMPLES;
    const u = 1 - t;
    const x = u * u * a.x + 2 * u * t * control.x + t * t * b.x;
    const y = u * u * a.y + 2 * u * t * control.y + t * t * b.y;
    for (const o of obstacles) if (Math.hypot(x - o.p.x, y - o.p.y) < o.r) return true;
  }
  return false;
}

/**
 * Bends each link that would pass over an unrelated node to the smallest curve that clears every
 * node, when one does (class `bent` with data `bend`); the others stay straight. Links between the
 * same two nodes keep Cytoscape's own fanning.
 */
export function routeEdges(cy: Core): void {
  if (cy.elements().length > MAX_ELEMENTS) return;
  const obstacles = cy.nodes().map((node: NodeSingular) => ({
    id: node.id(),
    p: { ...node.position() },
    r: Math.max(node.width(), node.height()) / 2 + 5,
  }));
  const pairs = new Map<string, number>();
  cy.edges().forEach((edge) => {
    const key = [edge.source().id(), edge.target().id()].sort().join('|');
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  });
  const bends: { edge: EdgeSingular; bend: number | null }[] = [];
  cy.edges().forEach((edge) => {
    const s = edge.source();
    const t = edge.target();
    if (s.same(t) || (pairs.get([s.id(), t.id()].sort().join('|')) ?? 0) > 1) {
      bends.push({ edge, bend: null });
      return;
    }
    const a = s.position();
    const b = t.position();
    const others = obstacles.filter((o) => o.id !== s.id() && o.id !== t.id());
    if (!crosses(a, b, 0, others)) {
      bends.push({ edge, bend: null });
      return;
    }
    let chosen: number | null = null;
    for (const size of BENDS) {
      for (const bend of [size, -size]) {
        if (!crosses(a, b, bend, others)) {
          chosen = bend;
          break;
        }
      }
      if (chosen !== null) break;
    }
    bends.push({ edge, bend: chosen });
  });
  cy.batch(() => {
    for (const { edge, bend } of bends) {
      if (bend === null) edge.removeClass('bent');
      else {
        edge.data('bend', bend);
        edge.addClass('bent');
      }
    }
  });
}
