import cytoscape, { type Core, type EdgeSingular, type EventObject, type NodeSingular } from 'cytoscape';
import { Camera, type CameraView } from './camera.js';
import { Detail, LARGE_GRAPH, MIN_ZOOM } from './detail.js';
import { GroupedView, type GroupState } from './grouped.js';
import { GROUP_ABOVE, GROUP_PREFIX, type GroupBy } from './groups.js';
import { LABEL_PX } from './labels.js';
import { Layouter, type LayoutName, type LayoutRequest } from './layouts.js';
import { Marks, type Emphasis } from './marks.js';
import { Minimap } from './minimap.js';
import { Playhead } from './playhead.js';
import { routeEdges } from './routing.js';
import { graphStyle, type Theme } from './style.js';
import { syncElements } from './sync.js';
import type { TimeIndex } from './timeLayer.js';

export { FIT_ZOOM_CAP } from './camera.js';

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
  /** The user dropped a node they dragged, at `to` (model coordinates). */
  nodeMoved?(id: string, to: { x: number; y: number }): void;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

const USER_MAX_ZOOM = 3;

/**
 * The page's one Cytoscape instance. React never re-creates it: the canvas component mounts it into
 * its container and pushes changes in, and sync() diffs the wanted elements against the drawn ones
 * (add / remove / update), so positions, zoom and animations survive every render. It composes the
 * graph's parts: the level of detail (detail.ts), the camera, the layouts, the groups of a graph too
 * large to draw whole (grouped.ts), the marks (selection, hover, emphasis) and the playhead.
 */
export class GraphController {
  readonly cy: Core;
  private callbacks: GraphCallbacks | null = null;
  private minimap: Minimap | null = null;
  private readonly detail: Detail;
  private readonly view: Camera;
  private readonly layouts: Layouter;
  private readonly grouped: GroupedView;
  private readonly marks: Marks;
  private readonly playhead: Playhead;

  constructor() {
    const options: cytoscape.CytoscapeOptions & { renderer: { webgl: boolean } } = {
      style: graphStyle('light', 1, LABEL_PX),
      minZoom: MIN_ZOOM,
      maxZoom: USER_MAX_ZOOM,
      autounselectify: true,
      boxSelectionEnabled: false,
      // The renderer is made when the instance is mounted (it has no container before), from these
      // options: naming 'canvas' here would make it at once, without a container, and throw.
      renderer: { webgl: pageParam('renderer') === 'webgl' },
    };
    this.cy = cytoscape(options);
    const cy = this.cy;
    this.detail = new Detail(cy, {
      layingOut: () => this.layingOut,
      grouped: () => this.grouped.active,
      restyled: () => {
        this.marks.applyEmphasis();
        this.minimap?.changed();
      },
    });
    const detail = this.detail;
    this.view = new Camera(cy, () => detail.large);
    this.playhead = new Playhead(cy);
    this.marks = new Marks(cy, {
      large: () => detail.large,
      scheduleTidy: () => detail.scheduleTidy(),
      hover: (target) => this.callbacks?.hover(target),
    });
    this.layouts = new Layouter(cy, {
      large: () => detail.large,
      labelPx: () => detail.labelPx,
      fit: (ids, animate) => this.view.fit(ids, animate),
      scheduleTidy: () => detail.scheduleTidy(),
      hub: () => this.view.hub(),
      atZoomOne: (fn) => detail.atZoomOne(fn),
    });
    this.grouped = new GroupedView(cy, {
      stopLayout: () => this.layouts.stop(),
      fit: (ids, animate) => this.view.fit(ids, animate),
      scheduleTidy: () => detail.scheduleTidy(),
      zoomFloor: () => detail.zoomFloor(),
      setLarge: (large) => detail.setLarge(large),
      worker: () => this.layouts.startedWorker(),
    });
    this.subscribeGrouping = this.grouped.subscribe;

    // ?bench exposes the instance to the benchmark's browser driver (bench/browser.ts).
    // (with the Cytoscape it was made with, for the bench's plain-Cytoscape baseline beside it).
    if (pageParam('bench') !== null)
      Object.assign(globalThis, { troveGraph: this, troveCytoscape: cytoscape });
    cy.on('tap', 'node', (event: EventObject) => {
      // A group (groups.ts) is not an entity: it has nothing to select, only to open.
      if (!(event.target as NodeSingular).hasClass('group')) this.callbacks?.selectNode(event.target.id());
    });
    cy.on('tap', 'edge', (event: EventObject) => this.callbacks?.selectEdge(event.target.id()));
    cy.on('tap', (event: EventObject) => {
      if (event.target === cy) this.callbacks?.selectNode(null);
    });
    cy.on('dbltap', 'node', (event: EventObject) => {
      const node = event.target as NodeSingular;
      if (node.hasClass('group')) this.toggleGroup(node.id().slice(GROUP_PREFIX.length));
      else this.callbacks?.toggleExpand(node.id());
    });
    cy.on('mouseover', 'node', (event: EventObject) => this.marks.hoverNode(event.target as NodeSingular));
    cy.on('mouseover', 'edge', (event: EventObject) => this.marks.hoverEdge(event.target as EdgeSingular));
    cy.on('mouseout', 'node, edge', () => this.marks.clearHover());
    cy.on('pan zoom', () => this.marks.viewMoved());
    cy.on('zoom', () => detail.scheduleRestyle());
    cy.on('viewport', () => {
      detail.viewportMoved();
      detail.scheduleTidy();
    });
    cy.on('dragfree', 'node', (event: EventObject) => {
      const node = event.target as NodeSingular;
      this.callbacks?.nodeMoved?.(node.id(), { ...node.position() });
    });
    cy.on('free', 'node', () => {
      routeEdges(cy);
      detail.scheduleTidy();
    });
    cy.on('add remove', () => {
      detail.elementsChanged();
      this.sizeChanged();
    });
  }

  /** The closest zoom a fit goes to. */
  get fitCap(): number {
    return this.view.fitCap;
  }

  set fitCap(cap: number) {
    this.view.fitCap = cap;
  }

  /** Labels are chosen again once the view stops changing (labels.ts). */
  scheduleTidy(): void {
    this.detail.scheduleTidy();
  }

  /** Whether labels are still to be chosen for the latest change (tests wait for it). */
  get tidyPending(): boolean {
    return this.detail.tidyPending;
  }

  /** Labels for a room (presentation) or for a desk. */
  setLabelSize(px: number): void {
    this.detail.setLabelSize(px);
  }

  private sizeCheck = false;

  /** The level of detail (and the minimap) follow the number of elements, once per change. */
  private sizeChanged(): void {
    if (this.sizeCheck) return;
    this.sizeCheck = true;
    queueMicrotask(() => {
      this.sizeCheck = false;
      this.detail.setLarge(this.cy.elements().length > LARGE_GRAPH);
      this.minimap?.follow(this.cy.elements().length);
    });
  }

  mount(container: HTMLElement, callbacks: GraphCallbacks): void {
    this.callbacks = callbacks;
    this.cy.mount(container);
    this.cy.resize();
    this.sizeChanged();
  }

  /** Puts the minimap (shown beyond MINIMAP_ABOVE elements) in `container`; returns its removal. */
  attachMinimap(container: HTMLElement): () => void {
    const minimap = new Minimap(this.cy, container);
    this.minimap = minimap;
    minimap.follow(this.cy.elements().length);
    return () => {
      minimap.hide();
      if (this.minimap === minimap) this.minimap = null;
    };
  }

  unmount(): void {
    this.callbacks = null;
    this.layouts.stop();
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
    const box = cy.nodes().renderedBoundingBox({ includeLabels: false });
    if ((dw < 0 || dh < 0) && (box.w > cy.width() || box.h > cy.height())) this.fit(undefined, false);
    this.scheduleTidy();
  }

  setTheme(theme: Theme): void {
    this.detail.setTheme(theme);
  }

  /** Brings the drawn graph to `wanted`; returns the ids of nodes that were added. */
  sync(wanted: SceneElements): string[] {
    const size = wanted.nodes.length + wanted.edges.length;
    if (size > GROUP_ABOVE) return this.grouped.show(wanted);
    this.grouped.leave();
    // The level of detail is chosen before the elements come in: styling 20k elements once with the
    // full styles and again with the large graph's took seconds.
    if (size > LARGE_GRAPH !== this.detail.large) this.detail.setLarge(size > LARGE_GRAPH);
    // New elements come in shown: the playhead is applied to them (and all) again.
    const added = syncElements(this.cy, wanted, () => this.playhead.reapply());
    this.marks.reapply();
    // Routed with the labels, after the frame: a sync that adds nodes is followed by a layout, which
    // routes when it stops, so routing here first would only delay the first draw.
    this.detail.routePending = true;
    this.scheduleTidy();
    return added;
  }

  /** Calls `listener` when the graph starts or stops being drawn as groups, or is grouped anew. */
  readonly subscribeGrouping: (listener: () => void) => () => void;

  /** The user's choice of grouping (kept when the graph on screen is drawn whole). */
  get groupChoice(): GroupBy {
    return this.grouped.choice;
  }

  /** Groups a graph too large to draw whole by kind or by community; resolves once they are drawn. */
  setGroupBy(by: GroupBy): Promise<void> {
    return this.grouped.setGroupBy(by);
  }

  /** The group of a node of a grouped graph (tests and the bench read it). */
  groupOf(id: string): string | null {
    return this.grouped.groupOf(id);
  }

  /** How the graph on screen is grouped, or null when it is drawn whole. */
  get groupedBy(): GroupBy | null {
    return this.grouped.groupedBy;
  }

  /** The groups of a grouped graph, and which are open (tests and the bench read them). */
  groups(): GroupState[] {
    return this.grouped.groups();
  }

  /** Opens a closed group into its members, or closes an open one. */
  toggleGroup(key: string): void {
    this.grouped.toggle(key);
  }

  /** Where the camera stands, for a story step to restore. */
  camera(): CameraView {
    return this.view.current();
  }

  /**
   * Puts the camera where a step recorded it, if every node is then in view (a camera saved on a
   * wide screen may not fit a small one); returns false, changing nothing, when they would not be.
   */
  showCamera(camera: CameraView): boolean {
    return this.view.show(camera);
  }

  /** Where each node stands, model coordinates. */
  positions(): Record<string, { x: number; y: number }> {
    const positions: Record<string, { x: number; y: number }> = {};
    this.cy.nodes().forEach((node) => {
      positions[node.id()] = { ...node.position() };
    });
    return positions;
  }

  /** Puts nodes where a story step recorded them (nodes it does not name stay), without a layout. */
  place(positions: Record<string, { x: number; y: number }>): void {
    this.layouts.stop();
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        const p = positions[node.id()];
        if (p) node.position({ ...p });
      });
    });
    routeEdges(this.cy);
    this.scheduleTidy();
  }

  nodeCount(): number {
    return this.cy.nodes().length;
  }

  get layingOut(): boolean {
    return this.layouts.layingOut;
  }

  runLayout(name: LayoutName, options: LayoutRequest = {}): void {
    this.layouts.run(name, options);
  }

  /**
   * Sizes and colours nodes by a metric (the workbench's metrics), or takes that off again with null.
   * Done with style bypasses, which sync() never touches, so the usual styling returns unchanged.
   */
  setEmphasis(emphasis: Emphasis | null): void {
    this.marks.setEmphasis(emphasis);
    this.minimap?.changed();
  }

  /** Shows what the timeline's playhead at `until` has reached and hides the rest (playhead.ts). */
  showUntil(index: TimeIndex, until: string | null): void {
    // A step that changes nothing still means the timeline is playing: the minimap keeps waiting.
    this.minimap?.quiet();
    if (this.playhead.show(index, until)) this.scheduleTidy();
  }

  applyHighlight(highlight: Highlight): void {
    this.marks.applyHighlight(highlight);
  }

  /**
   * An entity hovered in another view (the map, the list) is lit up here as if the pointer were on
   * it, without the tooltip; null puts it out. Nothing is reported back: the other view knows.
   */
  showHover(id: string | null): void {
    this.marks.showHover(id);
  }

  /**
   * Shows the nodes (all, or `ids`) as large as the view allows up to the fit cap, with room for the
   * labels under and beside them.
   */
  fit(ids?: readonly string[], animate = true): void {
    this.view.fit(ids, animate);
  }

  /** Brings a node into view when it is off screen, keeping the zoom unless it is too far out to read. */
  reveal(id: string): void {
    this.view.reveal(id);
  }

  zoomBy(factor: number): void {
    this.view.zoomBy(factor);
  }

  /** For keyboard navigation: the nearest drawn node from `id` in a direction (or the hub when none). */
  nodeInDirection(id: string | null, direction: Direction): string | null {
    return this.view.nodeInDirection(id, direction);
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
