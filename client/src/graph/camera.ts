import type { Core, NodeCollection, NodeSingular } from 'cytoscape';
import type { Direction } from './controller.js';
import { TIME_HIDDEN } from './playhead.js';

/** The closest a fit may zoom: a few nodes are shown at a readable size, not blown up. */
export const FIT_ZOOM_CAP = 1.5;

export const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export interface CameraView {
  zoom: number;
  pan: { x: number; y: number };
}

/** Where the graph is looked at from: fits, reveals, zoom steps, saved cameras, keyboard moves. */
export class Camera {
  /** The closest zoom a fit goes to. */
  fitCap = FIT_ZOOM_CAP;

  constructor(
    private readonly cy: Core,
    /** A large graph's box is taken from positions alone (measuring thousands of nodes is slow). */
    private readonly isLarge: () => boolean,
  ) {}

  /**
   * Shows the nodes (all, or `ids`) as large as the view allows up to the fit cap, with room for the
   * labels under and beside them.
   */
  fit(ids?: readonly string[], animate = true): void {
    const cy = this.cy;
    const wanted = ids && ids.length ? new Set(ids) : null;
    const eles = wanted ? cy.nodes().filter((node) => wanted.has(node.id())) : cy.nodes();
    if (eles.empty() || cy.width() <= 0 || cy.height() <= 0) return;
    const box = this.isLarge()
      ? positionsBox(eles)
      : eles.boundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false });
    const w = cy.width();
    const h = cy.height();
    const side = Math.min(72, w * 0.14);
    const top = Math.min(32, h * 0.08);
    const bottom = Math.min(60, h * 0.14);
    const zoom = Math.max(
      cy.minZoom(),
      Math.min(this.fitCap, (w - 2 * side) / Math.max(box.w, 1), (h - top - bottom) / Math.max(box.h, 1)),
    );
    const pan = {
      x: w / 2 - (zoom * (box.x1 + box.x2)) / 2,
      y: top + (h - top - bottom) / 2 - (zoom * (box.y1 + box.y2)) / 2,
    };
    cy.stop();
    if (!animate || reducedMotion()) cy.viewport({ zoom, pan });
    else cy.animate({ zoom, pan }, { duration: 400 });
  }

  /** Brings a node into view when it is off screen, keeping the zoom unless it is too far out to read. */
  reveal(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    const p = node.renderedPosition();
    const margin = 40;
    if (p.x > margin && p.y > margin && p.x < this.cy.width() - margin && p.y < this.cy.height() - margin)
      return;
    const zoom = Math.max(this.cy.zoom(), 0.9);
    if (reducedMotion()) {
      this.cy.zoom(zoom);
      this.cy.center(node);
    } else this.cy.animate({ center: { eles: node }, zoom }, { duration: 350 });
  }

  zoomBy(factor: number): void {
    const cy = this.cy;
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  /** The best connected node shown: where keyboard navigation and a tree layout start. */
  hub(): string | null {
    let best: NodeSingular | null = null;
    this.cy.nodes().forEach((node) => {
      if (node.hasClass(TIME_HIDDEN)) return;
      if (!best || node.degree(false) > best.degree(false)) best = node;
    });
    return best ? (best as NodeSingular).id() : null;
  }

  /** For keyboard navigation: the nearest drawn node from `id` in a direction (or the hub when none). */
  nodeInDirection(id: string | null, direction: Direction): string | null {
    const cy = this.cy;
    const from = id ? cy.getElementById(id) : null;
    if (!from || from.empty()) return this.hub();
    const p = from.position();
    let best: { id: string; score: number } | null = null;
    cy.nodes().forEach((node) => {
      if (node.id() === id || node.hasClass(TIME_HIDDEN)) return;
      const q = node.position();
      const dx = q.x - p.x;
      const dy = q.y - p.y;
      const along = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
      const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
      if (along <= 0) return;
      const score = along + across * 2;
      if (!best || score < best.score) best = { id: node.id(), score };
    });
    return (best as { id: string } | null)?.id ?? null;
  }

  /** Where the camera stands, for a story step to restore. */
  current(): CameraView {
    const pan = this.cy.pan();
    return { zoom: this.cy.zoom(), pan: { x: pan.x, y: pan.y } };
  }

  /**
   * Puts the camera where a step recorded it, if every node is then in view (a camera saved on a
   * wide screen may not fit a small one); returns false, changing nothing, when they would not be.
   */
  show(camera: CameraView): boolean {
    const cy = this.cy;
    const box = cy.nodes().boundingBox({ includeLabels: false });
    const x1 = box.x1 * camera.zoom + camera.pan.x;
    const y1 = box.y1 * camera.zoom + camera.pan.y;
    const x2 = box.x2 * camera.zoom + camera.pan.x;
    const y2 = box.y2 * camera.zoom + camera.pan.y;
    if (x1 < 0 || y1 < 0 || x2 > cy.width() || y2 > cy.height()) return false;
    cy.stop();
    cy.viewport({ zoom: camera.zoom, pan: { ...camera.pan } });
    return true;
  }
}

/** The box around the nodes' centres, with room for the largest node: no node is measured. */
function positionsBox(nodes: NodeCollection): {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  w: number;
  h: number;
} {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((node) => {
    const p = node.position();
    const r = (Number(node.data('size')) || 30) / 2;
    x1 = Math.min(x1, p.x - r);
    y1 = Math.min(y1, p.y - r);
    x2 = Math.max(x2, p.x + r);
    y2 = Math.max(y2, p.y + r);
  });
  return { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 };
}
