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
import { cullLabels, LABEL_PX } from './labels.js';
import { LayoutWorker } from './layout.js';
import { Minimap } from './minimap.js';
import { findCommunities } from './communities.js';
import {
  GROUP_ABOVE,
  GROUP_PREFIX,
  groupElements,
  groupScene,
  memberElements,
  type GroupBy,
  type Grouping,
} from './groups.js';
import { routeEdges } from './routing.js';
import { hashString, withSeed } from './seeded.js';
import { graphStyle, type Theme } from './style.js';
import { shownAt, type TimeIndex } from './timeLayer.js';

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
  /** The user dropped a node they dragged, at `to` (model coordinates). */
  nodeMoved?(id: string, to: { x: number; y: number }): void;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/** Elements above which a pan or zoom gesture moves a snapshot of the graph (see sizeChanged). */
const LARGE_GRAPH = 3000;
/**
 * Nodes up to which a graph that is all new is first drawn where fcose's quick draft (its spectral
 * step, the same seeded start the worker refines from) puts it, and laid out with its labels
 * measured; larger ones start on a sunflower by degree, the worker draws the spectral start itself
 * and the labels are estimated from their length: on 1,000 nodes the draft and the measuring were a
 * task of over a second on the page's thread (issue #22).
 */
const DRAFT_GRAPH = 300;
/** The closest a fit may zoom: a few nodes are shown at a readable size, not blown up. */
export const FIT_ZOOM_CAP = 1.5;
const USER_MAX_ZOOM = 3;
const MIN_ZOOM = 0.15;

/** Elements the timeline's playhead has not reached (timeLayer.ts): not drawn, still laid out. */
const TIME_HIDDEN = 'time-hidden';

const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Classes the controller itself gives (label choice, bent links, the playhead's): a sync keeps them. */
const OWN_CLASSES = ['label-off', 'label-top', 'bent', TIME_HIDDEN];
const kept = (ele: cytoscape.SingularElementArgument) => OWN_CLASSES.filter((c) => ele.hasClass(c));

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
  /** On-screen size of node labels (larger while presenting) and the zoom the style was made for. */
  private labelPx = LABEL_PX;
  private styledZoom = 1;
  private restyleFrame = 0;
  private tidyTimer: ReturnType<typeof setTimeout> | null = null;
  private routePending = false;
  /** The closest zoom a fit goes to. */
  fitCap = FIT_ZOOM_CAP;
  private minimap: Minimap | null = null;
  /** A scene too large to draw whole, drawn as groups; null otherwise. */
  private grouping: Grouping | null = null;
  private readonly openGroups = new Set<string>();
  /** How a graph too large to draw whole is grouped: the user's choice, kept across graphs. */
  private groupBy: GroupBy = 'kind';
  /** The communities of the last scene they were found for (found in the worker, about a second). */
  private communities: { elements: SceneElements; found: Promise<Int32Array | null> } | null = null;
  private readonly groupingListeners = new Set<() => void>();
  /** The playhead on the graph: the drawn elements by date, and how many of them are shown. */
  private time: { index: TimeIndex; shown: number } | null = null;

  constructor() {
    const options: cytoscape.CytoscapeOptions & { renderer: { webgl: boolean } } = {
      style: graphStyle(this.theme, 1, this.labelPx),
      minZoom: MIN_ZOOM,
      maxZoom: USER_MAX_ZOOM,
      autounselectify: true,
      boxSelectionEnabled: false,
      // The renderer is made when the instance is mounted (it has no container before), from these
      // options: naming 'canvas' here would make it at once, without a container, and throw.
      renderer: { webgl: pageParam('renderer') === 'webgl' },
    };
    this.cy = cytoscape(options);
    // ?bench exposes the instance to the benchmark's browser driver (bench/browser.ts).
    // (with the Cytoscape it was made with, for the bench's plain-Cytoscape baseline beside it).
    if (pageParam('bench') !== null)
      Object.assign(globalThis, { troveGraph: this, troveCytoscape: cytoscape });
    this.cy.on('tap', 'node', (event: EventObject) => {
      // A group (groups.ts) is not an entity: it has nothing to select, only to open.
      if (!(event.target as NodeSingular).hasClass('group')) this.callbacks?.selectNode(event.target.id());
    });
    this.cy.on('tap', 'edge', (event: EventObject) => this.callbacks?.selectEdge(event.target.id()));
    this.cy.on('tap', (event: EventObject) => {
      if (event.target === this.cy) this.callbacks?.selectNode(null);
    });
    this.cy.on('dbltap', 'node', (event: EventObject) => {
      const node = event.target as NodeSingular;
      if (node.hasClass('group')) this.toggleGroup(node.id().slice(GROUP_PREFIX.length));
      else this.callbacks?.toggleExpand(node.id());
    });
    this.cy.on('mouseover', 'node', (event: EventObject) => this.hoverNode(event.target as NodeSingular));
    this.cy.on('mouseover', 'edge', (event: EventObject) => this.hoverEdge(event.target as EdgeSingular));
    this.cy.on('mouseout', 'node, edge', () => this.clearHover());
    this.cy.on('pan zoom', () => {
      if (this.hovered) this.clearHover();
    });
    this.cy.on('zoom', () => this.scheduleRestyle());
    this.cy.on('viewport', () => this.scheduleTidy());
    this.cy.on('dragfree', 'node', (event: EventObject) => {
      const node = event.target as NodeSingular;
      this.callbacks?.nodeMoved?.(node.id(), { ...node.position() });
    });
    this.cy.on('free', 'node', () => {
      routeEdges(this.cy);
      this.scheduleTidy();
    });
    this.cy.on('add remove', () => this.sizeChanged());
  }

  /** Text is sized for the screen (see graphStyle): a new zoom gets a new stylesheet, once a frame. */
  private scheduleRestyle(): void {
    if (this.restyleFrame || this.large) return;
    this.restyleFrame = requestAnimationFrame(() => {
      this.restyleFrame = 0;
      this.restyle();
    });
  }

  private restyle(force = false): void {
    // A large graph's styles do not follow the zoom: restyling thousands of elements on each step of
    // a zoom is what made it stutter.
    if (this.large && !force) return;
    const zoom = this.large ? 1 : this.cy.zoom();
    if (!force && Math.abs(zoom - this.styledZoom) / this.styledZoom < 0.01) return;
    this.styledZoom = zoom;
    this.cy.style(graphStyle(this.theme, zoom, this.labelPx, this.large));
    if (this.emphasis) this.applyEmphasis();
    this.minimap?.changed();
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
    if (this.routePending && !this.layingOut) routeEdges(this.cy);
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

  private sizeCheck = false;
  /** Drawn with the large graph's level of detail (style.ts) since the last change of size. */
  private large = false;

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
      this.setLarge(this.cy.elements().length > LARGE_GRAPH);
      this.minimap?.follow(this.cy.elements().length);
    });
  }

  private setLarge(large: boolean): void {
    // renderer() is Cytoscape's own, missing from its typings; a headless instance has a null one.
    const cy = this.cy as Core & {
      renderer(): { textureOnViewport?: boolean; hideEdgesOnViewport?: boolean } | null | undefined;
    };
    const renderer = cy.renderer();
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
    const box = cy.nodes().renderedBoundingBox({ includeLabels: false });
    if ((dw < 0 || dh < 0) && (box.w > cy.width() || box.h > cy.height())) this.fit(undefined, false);
    this.scheduleTidy();
  }

  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    this.restyle(true);
  }

  /** Brings the drawn graph to `wanted`; returns the ids of nodes that were added. */
  sync(wanted: SceneElements): string[] {
    const cy = this.cy;
    const added: string[] = [];
    if (wanted.nodes.length + wanted.edges.length > GROUP_ABOVE) return this.showGroups(wanted);
    if (this.grouping) {
      this.grouping = null;
      this.openGroups.clear();
      cy.elements().remove();
      this.zoomFloor();
      this.groupingChanged();
    }
    // The level of detail is chosen before the elements come in: styling 20k elements once with the
    // full styles and again with the large graph's took seconds.
    const size = wanted.nodes.length + wanted.edges.length;
    if (size > LARGE_GRAPH !== this.large) this.setLarge(size > LARGE_GRAPH);
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
      // Each node's neighbours once: looking them up per new node was quadratic (minutes at 20k).
      const neighbours = new Map<string, string[]>();
      const link = (from: string, to: string) => {
        if (!cy.hasElementWithId(to)) return;
        const list = neighbours.get(from);
        if (list) list.push(to);
        else neighbours.set(from, [to]);
      };
      for (const edge of wanted.edges) {
        link(edge.data.source, edge.data.target);
        link(edge.data.target, edge.data.source);
      }
      const additions: ElementDefinition[] = [];
      for (const node of wanted.nodes) {
        const existing = cy.getElementById(node.data.id);
        if (existing.nonempty()) {
          if (!sameData(existing.data() as Record<string, unknown>, { ...node.data }))
            existing.data(node.data);
          existing.classes([...node.classes, ...kept(existing)]);
        } else {
          added.push(node.data.id);
          additions.push({
            group: 'nodes',
            data: { ...node.data },
            classes: node.classes,
            position: this.startingPosition(node.data.id, neighbours.get(node.data.id) ?? [], center),
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
          existing.classes([...edge.classes, ...kept(existing)]);
        } else edgeAdditions.push({ group: 'edges', data: { ...edge.data }, classes: edge.classes });
      }
      if (edgeAdditions.length) cy.add(edgeAdditions);
      // New elements come in shown: the playhead is applied to them (and all) again.
      if (this.time && (additions.length || edgeAdditions.length)) this.applyTime(this.time.index, null);
    });
    if (this.highlight) this.applyHighlight(this.highlight);
    if (this.emphasis) this.applyEmphasis();
    // Routed with the labels, after the frame: a sync that adds nodes is followed by a layout, which
    // routes when it stops, so routing here first would only delay the first draw.
    this.routePending = true;
    this.scheduleTidy();
    return added;
  }

  /** How far out the user may zoom: far enough to see a large graph or its groups whole. */
  private zoomFloor(): void {
    this.cy.minZoom(this.large || this.grouping ? 0.005 : MIN_ZOOM);
  }

  /**
   * A scene too large to draw whole, as closed groups (groups.ts); nothing is added to lay out. By
   * community, the groups by kind are shown until the worker has found the communities.
   */
  private showGroups(wanted: SceneElements): string[] {
    if (this.grouping?.elements === wanted) return [];
    this.stopLayout();
    this.drawGroups(groupScene(wanted));
    if (this.groupBy === 'community') void this.groupByCommunity(wanted);
    return [];
  }

  private drawGroups(grouping: Grouping): void {
    this.grouping = grouping;
    this.openGroups.clear();
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(groupElements(grouping));
    });
    this.zoomFloor();
    this.fit(undefined, false);
    this.scheduleTidy();
    this.groupingChanged();
  }

  private groupingChanged(): void {
    for (const listener of this.groupingListeners) listener();
  }

  /** Calls `listener` when the graph starts or stops being drawn as groups, or is grouped anew. */
  subscribeGrouping = (listener: () => void): (() => void) => {
    this.groupingListeners.add(listener);
    return () => this.groupingListeners.delete(listener);
  };

  /** The user's choice of grouping (kept when the graph on screen is drawn whole). */
  get groupChoice(): GroupBy {
    return this.groupBy;
  }

  private async groupByCommunity(wanted: SceneElements): Promise<void> {
    if (this.communities?.elements !== wanted) {
      const index = new Map(wanted.nodes.map((n, i) => [n.data.id, i]));
      const edges = new Int32Array(wanted.edges.length * 2);
      wanted.edges.forEach((e, k) => {
        edges[2 * k] = index.get(e.data.source) ?? -1;
        edges[2 * k + 1] = index.get(e.data.target) ?? -1;
      });
      const seed = hashString(
        `${wanted.nodes.length}|${wanted.edges.length}|${wanted.nodes[0]?.data.id ?? ''}`,
      );
      if (this.worker === undefined || this.worker?.broken) this.worker = LayoutWorker.start();
      const asked = this.worker?.communities(wanted.nodes.length, edges.slice(), seed);
      // A browser without workers, or a worker that failed: found here, if still wanted then.
      const found = (asked ?? Promise.reject(new Error('no worker'))).catch(() =>
        this.grouping?.elements === wanted && this.groupBy === 'community'
          ? findCommunities(wanted.nodes.length, edges, seed)
          : null,
      );
      this.communities = { elements: wanted, found };
    }
    const entry = this.communities;
    const communities = await entry.found;
    // A failed search is not kept: the next choice of communities asks again.
    if (!communities && this.communities === entry) this.communities = null;
    // Still the graph on screen, still grouped by community.
    if (!communities || this.grouping?.elements !== wanted || this.groupBy !== 'community') return;
    if (this.grouping.by === 'community') return;
    this.drawGroups(groupScene(wanted, communities));
  }

  /** Groups a graph too large to draw whole by kind or by community; resolves once they are drawn. */
  async setGroupBy(by: GroupBy): Promise<void> {
    this.groupBy = by;
    const grouping = this.grouping;
    if (!grouping || grouping.by === by) return;
    if (by === 'kind') this.drawGroups(groupScene(grouping.elements));
    else await this.groupByCommunity(grouping.elements);
  }

  /** The group of a node of a grouped graph (tests and the bench read it). */
  groupOf(id: string): string | null {
    return this.grouping?.groupOf.get(id) ?? null;
  }

  /** How the graph on screen is grouped, or null when it is drawn whole. */
  get groupedBy(): GroupBy | null {
    return this.grouping?.by ?? null;
  }

  /** The groups of a grouped graph, and which are open (tests and the bench read them). */
  groups(): { key: string; label: string; count: number; open: boolean }[] {
    const grouping = this.grouping;
    if (!grouping) return [];
    return [...grouping.members].map(([key, ids]) => ({
      key,
      label: grouping.labels.get(key) ?? key,
      count: ids.length,
      open: this.openGroups.has(key),
    }));
  }

  /** Opens a closed group into its members, or closes an open one. */
  toggleGroup(key: string): void {
    const grouping = this.grouping;
    const group = this.cy.getElementById(GROUP_PREFIX + key);
    if (!grouping || group.empty()) return;
    if (this.openGroups.delete(key)) {
      const members = new Set(grouping.members.get(key));
      this.cy
        .nodes()
        .filter((node) => members.has(node.id()))
        .remove();
      group.removeClass('open');
      this.fit(undefined, false);
    } else {
      this.openGroups.add(key);
      group.addClass('open');
      const members = memberElements(grouping, key, { ...group.position() }, this.openGroups);
      if (this.cy.elements().length + members.length > LARGE_GRAPH) this.setLarge(true);
      this.cy.add(members);
      this.fit(grouping.members.get(key), false);
    }
    this.scheduleTidy();
  }

  /** New nodes start beside a neighbour already on screen, so an expansion grows out of its node. */
  private startingPosition(id: string, neighbours: readonly string[], fallback: { x: number; y: number }) {
    for (const other of neighbours) {
      const node = this.cy.getElementById(other);
      if (node.nonempty()) {
        const p = node.position();
        // From the id, not Math.random: the same view grows the same way each time it is opened.
        const angle = ((hashString(id) % 3600) / 3600) * Math.PI * 2;
        return { x: p.x + Math.cos(angle) * 70, y: p.y + Math.sin(angle) * 70 };
      }
    }
    const h = hashString(id);
    return {
      x: fallback.x + ((h & 0xffff) / 0xffff - 0.5) * 120,
      y: fallback.y + ((h >>> 16) / 0xffff - 0.5) * 120,
    };
  }

  private viewportCenter(): { x: number; y: number } {
    const extent = this.cy.extent();
    return Number.isFinite(extent.x1)
      ? { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 }
      : { x: 0, y: 0 };
  }

  /** Where the camera stands, for a story step to restore. */
  camera(): { zoom: number; pan: { x: number; y: number } } {
    const pan = this.cy.pan();
    return { zoom: this.cy.zoom(), pan: { x: pan.x, y: pan.y } };
  }

  /**
   * Puts the camera where a step recorded it, if every node is then in view (a camera saved on a
   * wide screen may not fit a small one); returns false, changing nothing, when they would not be.
   */
  showCamera(camera: { zoom: number; pan: { x: number; y: number } }): boolean {
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
    this.stopLayout();
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
    return this.layout !== null || this.layoutWaiting;
  }

  private stopLayout(): void {
    // A worker busy with a layout nobody waits for would hold a core for nothing: a new one starts
    // with the next force-directed layout.
    if (this.layoutWaiting && this.worker) {
      this.worker.stop();
      this.worker = undefined;
    }
    this.layoutRun += 1;
    this.layoutWaiting = false;
    this.layout?.stop();
    this.layout = null;
  }

  runLayout(
    name: 'fcose' | 'concentric' | 'breadthfirst',
    options: { randomize?: boolean; root?: string | null; onDone?: () => void } = {},
  ) {
    if (this.cy.nodes().empty()) return;
    this.stopLayout();
    // Layouts make room for labels as they are at zoom 1; drawn at a constant size on screen, they
    // then have that room at any zoom from 1 up (and more of them fit as the user zooms in).
    const zoom = this.styledZoom;
    if (zoom !== 1 && !this.large) this.cy.style(graphStyle(this.theme, 1, this.labelPx));
    try {
      this.layoutNow(name, options);
    } finally {
      if (zoom !== 1 && !this.large) this.restyle(true);
    }
  }

  private layoutNow(
    name: 'fcose' | 'concentric' | 'breadthfirst',
    options: { randomize?: boolean; root?: string | null; onDone?: () => void },
  ): void {
    const cy = this.cy;
    const animate = !reducedMotion() && cy.nodes().length < 400;
    const pinned = cy.nodes('.pinned');
    // The camera follows once the nodes stand (this.fit, capped), not with the layout's own fit.
    const common = { animate, animationDuration: 550, fit: false, padding: 56 };
    let options_: LayoutOptions;
    if (name === 'concentric') {
      options_ = {
        name: 'concentric',
        ...common,
        concentric: (node: NodeSingular) => node.degree(false),
        levelWidth: () => 2,
        // Label room comes from the spacing, not from each label's width: concentric spaces every
        // ring by its widest member, and long names would spread a small step thin.
        minNodeSpacing: 56,
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
    this.start(cy.layout(options_), options.onDone, this.seed());
  }

  /** The seed of a layout: the graph on screen, so the same graph is laid out the same way. */
  private seed(): number {
    return hashString(
      this.cy
        .nodes()
        .map((n) => n.id())
        .join(',') +
        '|' +
        this.cy.edges().length,
    );
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
    if (options.randomize && cy.nodes().length <= DRAFT_GRAPH) {
      // Drawn at once where the layout starts from, then settled by the worker: laying out on the
      // page before the first frame is what made the article's first draw wait (issue #22).
      const pinned = cy.nodes('.pinned').lock();
      withSeed(this.seed(), () =>
        cy
          .layout({
            name: 'fcose',
            quality: 'draft',
            randomize: true,
            animate: false,
            fit: false,
            nodeDimensionsIncludeLabels: true,
          } as LayoutOptions)
          .run(),
      );
      pinned.unlock();
      this.fit(undefined, false);
    } else if (options.randomize) {
      // Thousands of nodes: a sunflower by degree (hubs in the middle), computed from positions alone;
      // Cytoscape's concentric layout and fit measure every node's box, seconds at 20k elements.
      sunflower(cy);
      this.fit(undefined, false);
    }
    const run = this.layoutRun;
    this.layoutWaiting = true;
    const nodes = cy.nodes();
    const ids: string[] = [];
    const index = new Map<string, number>();
    const boxes = new Float64Array(nodes.length * 4);
    nodes.forEach((node, i) => {
      const size =
        this.large || nodes.length > DRAFT_GRAPH
          ? approximateSize(node, this.labelPx)
          : node.layoutDimensions({ nodeDimensionsIncludeLabels: true });
      const p = node.position();
      ids.push(node.id());
      index.set(node.id(), i);
      boxes.set([size.w, size.h, p.x, p.y], i * 4);
    });
    const links = cy.edges();
    const edges = new Int32Array(links.length * 2);
    links.forEach((edge, k) => {
      edges[2 * k] = index.get(edge.data('source') as string) ?? 0;
      edges[2 * k + 1] = index.get(edge.data('target') as string) ?? 0;
    });
    worker.run({ ids, boxes, edges, options: fcoseOptions, seed: this.seed() }).then(
      (found) => {
        if (run !== this.layoutRun) return;
        this.layoutWaiting = false;
        const positions = new Map<string, { x: number; y: number }>();
        ids.forEach((id, i) => positions.set(id, { x: found[2 * i] ?? 0, y: found[2 * i + 1] ?? 0 }));
        const preset = {
          name: 'preset',
          ...common,
          positions: (node: NodeSingular) => positions.get(node.id()) ?? { ...node.position() },
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

  private start(layout: Layouts, onDone?: () => void, seed?: number): void {
    // Pinned nodes stay where the user put them: locked for the layout, free to drag again after.
    const pinned = this.cy.nodes('.pinned');
    pinned.lock();
    this.layout = layout;
    const animated = (layout as unknown as { options?: { animate?: boolean } }).options?.animate === true;
    layout.one('layoutstop', () => {
      pinned.unlock();
      if (this.layout === layout) {
        this.layout = null;
        this.fit(undefined, animated);
        routeEdges(this.cy);
        this.scheduleTidy();
        onDone?.();
      }
    });
    if (seed === undefined) layout.run();
    else withSeed(seed, () => layout.run());
  }

  /**
   * Sizes and colours nodes by a metric (the workbench's metrics), or takes that off again with null.
   * Done with style bypasses, which sync() never touches, so the usual styling returns unchanged.
   */
  setEmphasis(emphasis: Record<string, { size: number; color: string }> | null): void {
    this.emphasis = emphasis;
    if (emphasis) this.applyEmphasis();
    else this.cy.nodes().removeStyle('width height background-color');
    this.minimap?.changed();
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
      if (node.hasClass(TIME_HIDDEN)) return;
      if (!best || node.degree(false) > best.degree(false)) best = node;
    });
    return best ? (best as NodeSingular).id() : null;
  }

  /**
   * Shows what the playhead at `until` has reached and hides the rest, in place (a class): the layout
   * stays, nothing is added or removed. With the index it was last given, only the elements between
   * the old playhead and the new change; a new index is applied to all once.
   */
  showUntil(index: TimeIndex, until: string | null): void {
    const shown = shownAt(index, until);
    // A step that changes nothing still means the timeline is playing: the minimap keeps waiting.
    this.minimap?.quiet();
    if (this.time?.index === index && this.time.shown === shown) return;
    this.cy.batch(() => this.applyTime(index, this.time?.index === index ? this.time.shown : null, shown));
    this.scheduleTidy();
  }

  private applyTime(
    index: TimeIndex,
    before: number | null,
    shown = this.time?.shown ?? index.ids.length,
  ): void {
    const cy = this.cy;
    this.time = { index, shown };
    // One collection per change: a class set on each element alone is an event and a style pass each.
    const set = (from: number, to: number, hidden: boolean) => {
      const run = cy.collection();
      for (let i = from; i < to; i += 1) {
        const ele = cy.getElementById(index.ids[i] ?? '');
        if (ele.nonempty() && ele.hasClass(TIME_HIDDEN) !== hidden) run.merge(ele);
      }
      if (run.empty()) return;
      if (hidden) run.addClass(TIME_HIDDEN);
      else run.removeClass(TIME_HIDDEN);
    };
    if (before === null) {
      // Whatever was hidden by an older index and is no longer in this one (now undated, or on a path).
      cy.elements(`.${TIME_HIDDEN}`).removeClass(TIME_HIDDEN);
      set(shown, index.ids.length, true);
    } else if (shown > before) set(before, shown, false);
    else set(shown, before, true);
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
    this.scheduleTidy();
  }

  private hoverNode(node: NodeSingular): void {
    this.lightUp(node);
    const p = node.renderedPosition();
    this.callbacks?.hover({ type: 'node', id: node.id(), x: p.x, y: p.y - node.renderedOuterHeight() / 2 });
  }

  /**
   * An entity hovered in another view (the map, the list) is lit up here as if the pointer were on
   * it, without the tooltip; null puts it out. Nothing is reported back: the other view knows.
   */
  showHover(id: string | null): void {
    const node = id === null ? null : this.cy.getElementById(id);
    if (this.hovered) this.clearHover(false);
    if (node?.nonempty() && node.isNode() && !node.hasClass(TIME_HIDDEN)) this.lightUp(node);
  }

  private lightUp(node: NodeSingular): void {
    const cy = this.cy;
    this.hovered = node.id();
    const hood = node.closedNeighborhood();
    cy.batch(() => {
      // Fading every other element of a large graph restyles all of them: its hover only lights up.
      if (!this.large) cy.elements().not(hood).addClass('faded');
      node.addClass('hover');
      hood.nodes().addClass('neighbor');
      hood.edges().addClass('show-label hover-edge');
    });
    // The hovered node's name and its neighbours' come first.
    this.scheduleTidy();
  }

  private hoverEdge(edge: EdgeSingular): void {
    const cy = this.cy;
    this.hovered = edge.id();
    const ends = edge.connectedNodes().union(edge);
    cy.batch(() => {
      if (!this.large) cy.elements().not(ends).addClass('faded');
      edge.addClass('show-label hover-edge');
    });
    const p = edge.renderedMidpoint();
    this.callbacks?.hover({ type: 'edge', id: edge.id(), x: p.x, y: p.y });
  }

  private clearHover(report = true): void {
    this.hovered = null;
    this.cy.batch(() => {
      this.cy.elements().removeClass('faded hover neighbor hover-edge');
      this.cy.edges().removeClass('show-label');
    });
    if (this.highlight) this.applyHighlight(this.highlight);
    this.scheduleTidy();
    if (report) this.callbacks?.hover(null);
  }

  /**
   * Shows the nodes (all, or `ids`) as large as the view allows up to the fit cap, with room for the
   * labels under and beside them.
   */
  fit(ids?: readonly string[], animate = true): void {
    const cy = this.cy;
    const wanted = ids && ids.length ? new Set(ids) : null;
    const eles = wanted ? cy.nodes().filter((node) => wanted.has(node.id())) : cy.nodes();
    if (eles.empty() || cy.width() <= 0 || cy.height() <= 0) return;
    const box = this.large
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

  renderedPosition(id: string): { x: number; y: number } | null {
    const node = this.cy.getElementById(id);
    return node.nonempty() ? node.renderedPosition() : null;
  }
}

/** The box around the nodes' centres, with room for the largest node: no node is measured. */
function positionsBox(nodes: cytoscape.NodeCollection): {
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

/** Nodes on a sunflower spiral, the best connected in the middle, evenly spaced. */
function sunflower(cy: Core): void {
  const ranked = cy
    .nodes()
    .map((node) => ({ node, degree: node.degree(false) }))
    .sort((a, b) => b.degree - a.degree || (a.node.id() < b.node.id() ? -1 : 1));
  const index = new Map(ranked.map((r, i) => [r.node.id(), i]));
  const golden = Math.PI * (3 - Math.sqrt(5));
  cy.nodes().positions((node) => {
    const i = index.get(node.id()) ?? 0;
    const r = 45 * Math.sqrt(i + 0.5);
    return { x: r * Math.cos(i * golden), y: r * Math.sin(i * golden) };
  });
}

/** A node's box with its label, estimated from the text's length (measuring thousands is slow). */
function approximateSize(node: NodeSingular, labelPx: number): { w: number; h: number } {
  const size = Number(node.data('size')) || 24;
  const label = String(node.data('label') ?? '');
  return { w: Math.max(size, label.length * labelPx * 0.6), h: size + labelPx + 4 };
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
