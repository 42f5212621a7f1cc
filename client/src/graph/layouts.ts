import cytoscape, { type Core, type LayoutOptions, type Layouts, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { reducedMotion } from './camera.js';
import { LayoutWorker } from './layout.js';
import { routeEdges } from './routing.js';
import { hashString, withSeed } from './seeded.js';

cytoscape.use(fcose);

/**
 * Nodes up to which a graph that is all new is first drawn where fcose's quick draft (its spectral
 * step, the same seeded start the worker refines from) puts it, and laid out with its labels
 * measured; larger ones start on a sunflower by degree, the worker draws the spectral start itself
 * and the labels are estimated from their length: on 1,000 nodes the draft and the measuring were a
 * task of over a second on the page's thread (issue #22).
 */
const DRAFT_GRAPH = 300;

export type LayoutName = 'fcose' | 'concentric' | 'breadthfirst';
export interface LayoutRequest {
  randomize?: boolean;
  root?: string | null;
  onDone?: () => void;
}

/** What the layouts ask of the rest of the graph. */
export interface LayoutHost {
  large(): boolean;
  labelPx(): number;
  fit(ids?: readonly string[], animate?: boolean): void;
  scheduleTidy(): void;
  hub(): string | null;
  /** Runs a layout with the style made for zoom 1 (detail.ts). */
  atZoomOne(fn: () => void): void;
}

interface Common {
  animate: boolean;
  animationDuration: number;
  fit: boolean;
  padding: number;
}

/** Runs the graph's layouts: fcose in the worker (layout.ts), the others on the page. */
export class Layouter {
  private layout: Layouts | null = null;
  /** Counts layout runs: a worker's answer for a run that was overtaken is dropped. */
  private layoutRun = 0;
  private layoutWaiting = false;
  /** Started by the first force-directed layout, so it does not load while the page itself does. */
  private worker: LayoutWorker | null | undefined;

  constructor(
    private readonly cy: Core,
    private readonly host: LayoutHost,
  ) {}

  get layingOut(): boolean {
    return this.layout !== null || this.layoutWaiting;
  }

  /** The worker, started if it is not (or broke): communities are found in it too. */
  startedWorker(): LayoutWorker | null {
    if (this.worker === undefined || this.worker?.broken) this.worker = LayoutWorker.start();
    return this.worker;
  }

  stop(): void {
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

  run(name: LayoutName, options: LayoutRequest = {}): void {
    if (this.cy.nodes().empty()) return;
    this.stop();
    this.host.atZoomOne(() => this.layoutNow(name, options));
  }

  private layoutNow(name: LayoutName, options: LayoutRequest): void {
    const cy = this.cy;
    const animate = !reducedMotion() && cy.nodes().length < 400;
    const pinned = cy.nodes('.pinned');
    // The camera follows once the nodes stand (host.fit, capped), not with the layout's own fit.
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
      const root =
        options.root && cy.getElementById(options.root).nonempty() ? options.root : this.host.hub();
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
    common: Common,
    options: LayoutRequest,
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
      this.host.fit(undefined, false);
    } else if (options.randomize) {
      // Thousands of nodes: a sunflower by degree (hubs in the middle), computed from positions alone;
      // Cytoscape's concentric layout and fit measure every node's box, seconds at 20k elements.
      sunflower(cy);
      this.host.fit(undefined, false);
    }
    const run = this.layoutRun;
    this.layoutWaiting = true;
    const nodes = cy.nodes();
    const ids: string[] = [];
    const index = new Map<string, number>();
    const boxes = new Float64Array(nodes.length * 4);
    nodes.forEach((node, i) => {
      const size =
        this.host.large() || nodes.length > DRAFT_GRAPH
          ? approximateSize(node, this.host.labelPx())
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
        this.run('fcose', options);
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
        this.host.fit(undefined, animated);
        routeEdges(this.cy);
        this.host.scheduleTidy();
        onDone?.();
      }
    });
    if (seed === undefined) layout.run();
    else withSeed(seed, () => layout.run());
  }
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
