import cytoscape, {
  type Core,
  type EdgeSingular,
  type ElementDefinition,
  type EventObject,
  type LayoutOptions,
  type Layouts,
  type NodeSingular,
} from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { LayoutWorker } from './layout.js';
import { graphStyle, type Theme } from './style.js';

cytoscape.use(fcose);

export interface NodeData {
  id: string;
  label: string;
  kind: string;
  size: number;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
  stance: string;
}

export interface SceneElements {
  nodes: { data: NodeData; classes: string[] }[];
  edges: { data: EdgeData; classes: string[] }[];
}

export interface Highlight {
  selected: string | null;
  selectedEdge: string | null;
  pinned: readonly string[];
  pathNodes: ReadonlySet<string>;
  pathEdges: ReadonlySet<string>;
  allPathNodes: ReadonlySet<string>;
  allPathEdges: ReadonlySet<string>;
}

export type HoverTarget =
  { type: 'node'; id: string; x: number; y: number } | { type: 'edge'; id: string; x: number; y: number };

export interface GraphCallbacks {
  selectNode(id: string | null): void;
  selectEdge(id: string): void;
  toggleExpand(id: string): void;
  hover(target: HoverTarget | null): void;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/** Elements above which a pan or zoom gesture moves a snapshot of the graph (see sizeChanged). */
const LARGE_GRAPH = 3000;

const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(b).every((key) => a[key] === b[key]);

/**
 * The page's one Cytoscape instance. React never re-creates it: the canvas component mounts it into
 * its container and pushes changes in, and sync() diffs the wanted elements against the drawn ones
 * (add / remove / update), so positions, zoom and animations survive every render.
 */
export class GraphController {
  readonly cy: Core;
  private callbacks: GraphCallbacks | null = null;
  private layout: Layouts | null = null;
  /** Counts layout runs: a worker's answer for a run that was overtaken is dropped. */
  private layoutRun = 0;
  private layoutWaiting = false;
  /** Started by the first force-directed layout, so it does not load while the page itself does. */
  private worker: LayoutWorker | null | undefined;
  private theme: Theme = 'light';
  private hovered: string | null = null;
  private highlight: Highlight | null = null;
  private emphasis: Record<string, { size: number; color: string }> | null = null;

  constructor() {
    const options: cytoscape.CytoscapeOptions & { renderer: { webgl: boolean } } = {
      style: graphStyle(this.theme),
      minZoom: 0.15,
      maxZoom: 3,
      autounselectify: true,
      boxSelectionEnabled: false,
      // The renderer is made when the instance is mounted (it has no container before), from these
      // options: naming 'canvas' here would make it at once, without a container, and throw.
      renderer: { webgl: pageParam('renderer') === 'webgl' },
    };
    this.cy = cytoscape(options);
    // ?bench exposes the instance to the benchmark's browser driver (bench/browser.ts).
    if (pageParam('bench') !== null) (globalThis as { troveGraph?: GraphController }).troveGraph = this;
    this.cy.on('tap', 'node', (event: EventObject) => this.callbacks?.selectNode(event.target.id()));
    this.cy.on('tap', 'edge', (event: EventObject) => this.callbacks?.selectEdge(event.target.id()));
    this.cy.on('tap', (event: EventObject) => {
      if (event.target === this.cy) this.callbacks?.selectNode(null);
    });
    this.cy.on('dbltap', 'node', (event: EventObject) => this.callbacks?.toggleExpand(event.target.id()));
    this.cy.on('mouseover', 'node', (event: EventObject) => this.hoverNode(event.target as NodeSingular));
    this.cy.on('mouseover', 'edge', (event: EventObject) => this.hoverEdge(event.target as EdgeSingular));
    this.cy.on('mouseout', 'node, edge', () => this.clearHover());
    this.cy.on('pan zoom', () => {
      if (this.hovered) this.clearHover();
    });
    this.cy.on('add remove', () => this.sizeChanged());
  }

  private sizeCheck = false;

  /**
   * A large graph is dragged and wheel-zoomed as a picture of itself (Cytoscape's texture on
   * viewport), redrawn in full when the hand stops: drawing every element on each frame of a
   * gesture is what makes panning thousands of them stutter on the 2D canvas.
   */
  private sizeChanged(): void {
    if (this.sizeCheck) return;
    this.sizeCheck = true;
    queueMicrotask(() => {
      this.sizeCheck = false;
      // renderer() is Cytoscape's own, missing from its typings; a headless instance has a null one.
      const cy = this.cy as Core & { renderer(): { textureOnViewport?: boolean } | null | undefined };
      const renderer = cy.renderer();
      if (renderer) renderer.textureOnViewport = this.cy.elements().length > LARGE_GRAPH;
    });
  }

  mount(container: HTMLElement, callbacks: GraphCallbacks): void {
    this.callbacks = callbacks;
    this.cy.mount(container);
    this.cy.resize();
    this.sizeChanged();
  }

  unmount(): void {
    this.callbacks = null;
    this.stopLayout();
    this.cy.unmount();
  }

  /** Follows the container's size, keeping what was in the middle of the view in the middle. */
  resize(): void {
    const cy = this.cy;
    const before = { w: cy.width(), h: cy.height() };
    cy.resize();
    const dw = cy.width() - before.w;
    const dh = cy.height() - before.h;
    if (before.w <= 0 || before.h <= 0 || (dw === 0 && dh === 0)) return;
    cy.panBy({ x: dw / 2, y: dh / 2 });
    // When a panel opening beside the graph leaves it too small for what was shown, shrink to fit.
    const box = cy.elements().renderedBoundingBox();
    if ((dw < 0 || dh < 0) && (box.w > cy.width() || box.h > cy.height())) cy.fit(undefined, 40);
  }

  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    this.cy.style(graphStyle(theme));
  }

  /** Brings the drawn graph to `wanted`; returns the ids of nodes that were added. */
  sync(wanted: SceneElements): string[] {
    const cy = this.cy;
    const added: string[] = [];
    cy.batch(() => {
      const wantedNodes = new Map(wanted.nodes.map((n) => [n.data.id, n]));
      const wantedEdges = new Map(wanted.edges.map((e) => [e.data.id, e]));
      cy.edges()
        .filter((edge) => {
          const next = wantedEdges.get(edge.id());
          return (
            !next || next.data.source !== edge.data('source') || next.data.target !== edge.data('target')
          );
        })
        .remove();
      cy.nodes()
        .filter((node) => !wantedNodes.has(node.id()))
        .remove();

      const center = this.viewportCenter();
      const additions: ElementDefinition[] = [];
      for (const node of wanted.nodes) {
        const existing = cy.getElementById(node.data.id);
        if (existing.nonempty()) {
          if (!sameData(existing.data() as Record<string, unknown>, { ...node.data }))
            existing.data(node.data);
          existing.classes(node.classes);
        } else {
          added.push(node.data.id);
          additions.push({
            group: 'nodes',
            data: { ...node.data },
            classes: node.classes,
            position: this.startingPosition(node.data.id, wanted, center),
          });
        }
      }
      if (additions.length) cy.add(additions);
      const edgeAdditions: ElementDefinition[] = [];
      for (const edge of wanted.edges) {
        const existing = cy.getElementById(edge.data.id);
        if (existing.nonempty()) {
          if (!sameData(existing.data() as Record<string, unknown>, { ...edge.data }))
            existing.data(edge.data);
          existing.classes(edge.classes);
        } else edgeAdditions.push({ group: 'edges', data: { ...edge.data }, classes: edge.classes });
      }
      if (edgeAdditions.length) cy.add(edgeAdditions);
    });
    if (this.highlight) this.applyHighlight(this.highlight);
    if (this.emphasis) this.applyEmphasis();
    return added;
  }

  /** New nodes start beside a neighbour already on screen, so an expansion grows out of its node. */
  private startingPosition(id: string, wanted: SceneElements, fallback: { x: number; y: number }) {
    for (const edge of wanted.edges) {
      const other =
        edge.data.source === id ? edge.data.target : edge.data.target === id ? edge.data.source : null;
      if (!other) continue;
      const node = this.cy.getElementById(other);
      if (node.nonempty()) {
        const p = node.position();
        const angle = Math.random() * Math.PI * 2;
        return { x: p.x + Math.cos(angle) * 70, y: p.y + Math.sin(angle) * 70 };
      }
    }
    return { x: fallback.x + (Math.random() - 0.5) * 120, y: fallback.y + (Math.random() - 0.5) * 120 };
  }

  private viewportCenter(): { x: number; y: number } {
    const extent = this.cy.extent();
    return Number.isFinite(extent.x1)
      ? { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 }
      : { x: 0, y: 0 };
  }

  get layingOut(): boolean {
    return this.layout !== null || this.layoutWaiting;
  }

  private stopLayout(): void {
    this.layoutRun += 1;
    this.layoutWaiting = false;
    this.layout?.stop();
    this.layout = null;
  }

  runLayout(
    name: 'fcose' | 'concentric' | 'breadthfirst',
    options: { randomize?: boolean; root?: string | null; onDone?: () => void } = {},
  ) {
    const cy = this.cy;
    if (cy.nodes().empty()) return;
    this.stopLayout();
    const animate = !reducedMotion() && cy.nodes().length < 400;
    const pinned = cy.nodes('.pinned');
    const common = { animate, animationDuration: 550, fit: true, padding: 56 };
    let options_: LayoutOptions;
    if (name === 'concentric') {
      options_ = {
        name: 'concentric',
        ...common,
        concentric: (node: NodeSingular) => node.degree(false),
        levelWidth: () => 2,
        minNodeSpacing: 24,
        avoidOverlap: true,
      } as LayoutOptions;
    } else if (name === 'breadthfirst') {
      const root = options.root && cy.getElementById(options.root).nonempty() ? options.root : this.hub();
      options_ = {
        name: 'breadthfirst',
        ...common,
        directed: false,
        circle: false,
        spacingFactor: 1.1,
        roots: root ? `#${CSS.escape(root)}` : undefined,
        avoidOverlap: true,
      } as LayoutOptions;
    } else {
      const fcoseOptions = {
        quality: 'default',
        randomize: options.randomize ?? false,
        idealEdgeLength: 95,
        nodeRepulsion: 9000,
        nodeSeparation: 80,
        gravity: 0.3,
        fixedNodeConstraint: pinned.nonempty()
          ? pinned.map((node) => ({ nodeId: node.id(), position: { ...node.position() } }))
          : undefined,
      };
      if (this.worker === undefined) this.worker = LayoutWorker.start();
      if (this.worker && !this.worker.broken) {
        this.fcoseInWorker(this.worker, fcoseOptions, common, options);
        return;
      }
      options_ = {
        name: 'fcose',
        ...common,
        ...fcoseOptions,
        nodeDimensionsIncludeLabels: true,
      } as LayoutOptions;
    }
    this.start(cy.layout(options_), options.onDone);
  }

  /**
   * fcose in the worker. Meanwhile the graph is drawn where it stands; a graph that is all new is
   * first put in concentric rings by degree (quick, and readable), so that its first frame is not a
   * heap of nodes. The worker's positions are then taken in as a preset layout, animated like the
   * others; a newer layout run, or a worker that fails, drops them (a failure lays out here instead).
   */
  private fcoseInWorker(
    worker: LayoutWorker,
    fcoseOptions: Record<string, unknown>,
    common: { animate: boolean; animationDuration: number; fit: boolean; padding: number },
    options: { randomize?: boolean; root?: string | null; onDone?: () => void },
  ): void {
    const cy = this.cy;
    if (options.randomize) {
      cy.layout({
        name: 'concentric',
        animate: false,
        fit: true,
        padding: common.padding,
        concentric: (node: NodeSingular) => node.degree(false),
        levelWidth: () => 2,
        minNodeSpacing: 24,
      } as LayoutOptions).run();
    }
    const run = this.layoutRun;
    this.layoutWaiting = true;
    const nodes = cy.nodes().map((node) => {
      const size = node.layoutDimensions({ nodeDimensionsIncludeLabels: true });
      const p = node.position();
      return { id: node.id(), w: size.w, h: size.h, x: p.x, y: p.y };
    });
    const edges = cy.edges().map((edge) => ({
      id: edge.id(),
      source: edge.source().id(),
      target: edge.target().id(),
    }));
    worker.run({ nodes, edges, options: fcoseOptions }).then(
      (positions) => {
        if (run !== this.layoutRun) return;
        this.layoutWaiting = false;
        const preset = {
          name: 'preset',
          ...common,
          positions: (node: NodeSingular) => positions[node.id()] ?? { ...node.position() },
        } as LayoutOptions;
        this.start(cy.layout(preset), options.onDone);
      },
      () => {
        worker.broken = true;
        if (run !== this.layoutRun) return;
        this.layoutWaiting = false;
        this.runLayout('fcose', options);
      },
    );
  }

  private start(layout: Layouts, onDone?: () => void): void {
    // Pinned nodes stay where the user put them: locked for the layout, free to drag again after.
    const pinned = this.cy.nodes('.pinned');
    pinned.lock();
    this.layout = layout;
    layout.one('layoutstop', () => {
      pinned.unlock();
      if (this.layout === layout) {
        this.layout = null;
        onDone?.();
      }
    });
    layout.run();
  }

  /**
   * Sizes and colours nodes by a metric (the workbench's metrics), or takes that off again with null.
   * Done with style bypasses, which sync() never touches, so the usual styling returns unchanged.
   */
  setEmphasis(emphasis: Record<string, { size: number; color: string }> | null): void {
    this.emphasis = emphasis;
    if (emphasis) this.applyEmphasis();
    else this.cy.nodes().removeStyle('width height background-color');
  }

  private applyEmphasis(): void {
    const emphasis = this.emphasis;
    if (!emphasis) return;
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        const style = emphasis[node.id()];
        if (style) node.style({ width: style.size, height: style.size, 'background-color': style.color });
        else node.removeStyle('width height background-color');
      });
    });
  }

  private hub(): string | null {
    let best: NodeSingular | null = null;
    this.cy.nodes().forEach((node) => {
      if (!best || node.degree(false) > best.degree(false)) best = node;
    });
    return best ? (best as NodeSingular).id() : null;
  }

  applyHighlight(highlight: Highlight): void {
    this.highlight = highlight;
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('selected-node selected-edge on-path in-paths path-dim');
      const pathActive = highlight.allPathEdges.size > 0 || highlight.allPathNodes.size > 0;
      if (pathActive) {
        cy.nodes().forEach((node) => {
          if (highlight.pathNodes.has(node.id())) node.addClass('on-path');
          else if (!highlight.allPathNodes.has(node.id())) node.addClass('path-dim');
        });
        cy.edges().forEach((edge) => {
          if (highlight.pathEdges.has(edge.id())) edge.addClass('on-path');
          else if (highlight.allPathEdges.has(edge.id())) edge.addClass('in-paths');
          else edge.addClass('path-dim');
        });
      }
      cy.nodes().forEach((node) => {
        if (highlight.pinned.includes(node.id())) node.addClass('pinned');
        else node.removeClass('pinned');
      });
      cy.edges().removeClass('show-label');
      if (highlight.selected) {
        const node = cy.getElementById(highlight.selected);
        node.addClass('selected-node');
        node.connectedEdges().addClass('show-label');
      }
      if (highlight.selectedEdge)
        cy.getElementById(highlight.selectedEdge).addClass('selected-edge show-label');
    });
  }

  private hoverNode(node: NodeSingular): void {
    const cy = this.cy;
    this.hovered = node.id();
    const hood = node.closedNeighborhood();
    cy.batch(() => {
      cy.elements().not(hood).addClass('faded');
      node.addClass('hover');
      hood.nodes().addClass('neighbor');
      hood.edges().addClass('show-label hover-edge');
    });
    const p = node.renderedPosition();
    this.callbacks?.hover({ type: 'node', id: node.id(), x: p.x, y: p.y - node.renderedOuterHeight() / 2 });
  }

  private hoverEdge(edge: EdgeSingular): void {
    const cy = this.cy;
    this.hovered = edge.id();
    const ends = edge.connectedNodes().union(edge);
    cy.batch(() => {
      cy.elements().not(ends).addClass('faded');
      edge.addClass('show-label hover-edge');
    });
    const p = edge.renderedMidpoint();
    this.callbacks?.hover({ type: 'edge', id: edge.id(), x: p.x, y: p.y });
  }

  private clearHover(): void {
    this.hovered = null;
    this.cy.batch(() => {
      this.cy.elements().removeClass('faded hover neighbor hover-edge');
      this.cy.edges().removeClass('show-label');
    });
    if (this.highlight) this.applyHighlight(this.highlight);
    this.callbacks?.hover(null);
  }

  fit(ids?: readonly string[]): void {
    const cy = this.cy;
    const eles = ids && ids.length ? cy.nodes().filter((node) => ids.includes(node.id())) : cy.elements();
    if (eles.empty()) return;
    if (reducedMotion()) cy.fit(eles, 48);
    else cy.animate({ fit: { eles, padding: 48 } }, { duration: 400 });
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

  /** For keyboard navigation: the nearest drawn node from `id` in a direction (or the hub when none). */
  nodeInDirection(id: string | null, direction: Direction): string | null {
    const cy = this.cy;
    const from = id ? cy.getElementById(id) : null;
    if (!from || from.empty()) return this.hub();
    const p = from.position();
    let best: { id: string; score: number } | null = null;
    cy.nodes().forEach((node) => {
      if (node.id() === id) return;
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

  renderedPosition(id: string): { x: number; y: number } | null {
    const node = this.cy.getElementById(id);
    return node.nonempty() ? node.renderedPosition() : null;
  }
}

// Read when the module loads: the page rewrites its URL to the view's state soon after.
const startParams = new URLSearchParams(typeof location === 'undefined' ? '' : location.search);
function pageParam(name: string): string | null {
  return startParams.get(name);
}

let instance: GraphController | null = null;

/** The page's graph: created on first use and kept for the life of the page. */
export function graphController(): GraphController {
  instance ??= new GraphController();
  return instance;
}
