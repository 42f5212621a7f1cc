import type { Core } from 'cytoscape';
import { cullLabels, LABEL_PX } from './labels.js';
import { routeEdges } from './routing.js';
import { graphStyle, type Theme } from './style.js';

/** Elements above which a pan or zoom gesture moves a snapshot of the graph (see setLarge). */
export const LARGE_GRAPH = 3000;
export const MIN_ZOOM = 0.15;
/** How long a large graph rests after a move before it is drawn in full (as Cytoscape's wheel). */
const MOTION_MS = 150;

/** Cytoscape's canvas renderer, as far as the level of detail uses it (missing from its typings). */
interface Renderer {
  textureOnViewport?: boolean;
  hideEdgesOnViewport?: boolean;
  data?: { wheelZooming?: boolean; wheelTimeout?: ReturnType<typeof setTimeout> };
  redrawHint?(what: 'eles' | 'drag', dirty: boolean): void;
  redraw?(): void;
}

/** What the level of detail asks of the rest of the graph. */
export interface DetailHost {
  layingOut(): boolean;
  /** Drawn as groups (grouped.ts): zoomed out further, like a large graph. */
  grouped(): boolean;
  /** A new stylesheet was set: style bypasses are given again and the minimap redrawn. */
  restyled(): void;
}

/**
 * The graph's level of detail: its stylesheet (text sized for the screen, or the large graph's
 * cheaper one), which labels are drawn (labels.ts) and when links are routed, all chosen again once
 * the view rests.
 */
export class Detail {
  theme: Theme = 'light';
  /** On-screen size of node labels (larger while presenting). */
  labelPx = LABEL_PX;
  /** Drawn with the large graph's level of detail (style.ts) since the last change of size. */
  large = false;
  /** Links to route at the next tidy: a sync routes after the first frame, not before it. */
  routePending = false;
  /** The zoom the style was made for. */
  private styledZoom = 1;
  private restyleFrame = 0;
  private tidyTimer: ReturnType<typeof setTimeout> | null = null;
  /** Elements were added or removed since the last frame. */
  private undrawn = false;

  constructor(
    private readonly cy: Core,
    private readonly host: DetailHost,
  ) {}

  /** Text is sized for the screen (see graphStyle): a new zoom gets a new stylesheet, once a frame. */
  scheduleRestyle(): void {
    if (this.restyleFrame || this.large) return;
    this.restyleFrame = requestAnimationFrame(() => {
      this.restyleFrame = 0;
      this.restyle();
    });
  }

  restyle(force = false): void {
    // A large graph's styles do not follow the zoom: restyling thousands of elements on each step of
    // a zoom is what made it stutter.
    if (this.large && !force) return;
    const zoom = this.large ? 1 : this.cy.zoom();
    if (!force && Math.abs(zoom - this.styledZoom) / this.styledZoom < 0.01) return;
    this.styledZoom = zoom;
    this.cy.style(graphStyle(this.theme, zoom, this.labelPx, this.large));
    this.host.restyled();
  }

  /** Labels are chosen again once the view stops changing (labels.ts). */
  scheduleTidy(): void {
    if (this.tidyTimer) clearTimeout(this.tidyTimer);
    this.tidyTimer = setTimeout(() => {
      this.tidyTimer = null;
      this.tidy();
    }, 60);
  }

  /** Whether labels are still to be chosen for the latest change (tests wait for it). */
  get tidyPending(): boolean {
    return this.tidyTimer !== null || this.restyleFrame !== 0;
  }

  private tidy(): void {
    if (this.cy.nodes().empty()) return;
    if (this.routePending && !this.host.layingOut()) routeEdges(this.cy);
    this.routePending = false;
    this.restyle();
    cullLabels(this.cy, this.large, this.labelPx);
  }

  /** Labels for a room (presentation) or for a desk. */
  setLabelSize(px: number): void {
    if (px === this.labelPx) return;
    this.labelPx = px;
    this.restyle(true);
    this.scheduleTidy();
  }

  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    this.restyle(true);
  }

  /**
   * Runs `fn` (a layout) with the style made for zoom 1: layouts make room for labels as they are at
   * zoom 1; drawn at a constant size on screen, they then have that room at any zoom from 1 up (and
   * more of them fit as the user zooms in).
   */
  atZoomOne(fn: () => void): void {
    const zoom = this.styledZoom;
    if (zoom !== 1 && !this.large) this.cy.style(graphStyle(this.theme, 1, this.labelPx));
    try {
      fn();
    } finally {
      if (zoom !== 1 && !this.large) this.restyle(true);
    }
  }

  /**
   * A large graph is dragged and wheel-zoomed as a picture of itself (Cytoscape's texture on
   * viewport), redrawn in full when the hand stops: drawing every element on each frame of a
   * gesture is what makes panning thousands of them stutter on the 2D canvas.
   */
  setLarge(large: boolean): void {
    const renderer = this.renderer();
    if (renderer) {
      renderer.textureOnViewport = large;
      // What a gesture shows when it cannot use the snapshot (an animated fit): nodes only.
      renderer.hideEdgesOnViewport = large;
    }
    if (large === this.large) return;
    this.large = large;
    this.zoomFloor();
    this.restyle(true);
    this.scheduleTidy();
  }

  /**
   * The view moved (a pan or zoom, by hand or by code). A large graph in motion is drawn as a
   * snapshot of itself, and in full once it rests; Cytoscape takes that snapshot only during a
   * hand's gesture, so a motion made by code (an animated fit, the zoom buttons, a story's camera,
   * the bench's pan) drew every element on every frame: 2.5 fps at 20k elements on the bench. The
   * renderer is told the view is moving as its own wheel handler tells it (same flag, same timer,
   * same full redraw at rest). Not before the elements last added or removed have been drawn once:
   * a fit that follows new elements shows them in full at once.
   */
  viewportMoved(): void {
    if (!this.large || this.undrawn) return;
    const renderer = this.renderer();
    const data = renderer?.data;
    if (!renderer || !data) return;
    data.wheelZooming = true;
    clearTimeout(data.wheelTimeout);
    data.wheelTimeout = setTimeout(() => {
      data.wheelZooming = false;
      renderer.redrawHint?.('eles', true);
      renderer.redraw?.();
    }, MOTION_MS);
  }

  /** Elements came or went: drawn in full before a move is drawn as a snapshot (viewportMoved). */
  elementsChanged(): void {
    if (this.undrawn) return;
    this.undrawn = true;
    this.cy.one('render', () => {
      this.undrawn = false;
    });
  }

  /** Cytoscape's renderer (renderer() is missing from its typings); null for a headless instance. */
  private renderer(): Renderer | null {
    return (this.cy as Core & { renderer(): Renderer | null | undefined }).renderer() ?? null;
  }

  /** How far out the user may zoom: far enough to see a large graph or its groups whole. */
  zoomFloor(): void {
    this.cy.minZoom(this.large || this.host.grouped() ? 0.005 : MIN_ZOOM);
  }
}
