// Work off the page's main thread: the force-directed layout (a headless Cytoscape runs fcose on
// the nodes' sizes, measured with their labels by the page) and the communities of a graph too large
// to draw whole (communities.ts). See layout.ts for the page side and the shape of the messages.
import cytoscape from 'cytoscape';
import coseBase from 'cose-base';
import fcose from 'cytoscape-fcose';
import { findCommunities } from './communities.js';
import type { LayoutJob, WorkerReply, WorkerRequest } from './layout.js';
import { withSeed } from './seeded.js';

cytoscape.use(fcose);

/**
 * Beyond this many nodes the CoSE step after fcose's spectral start gets a short schedule: at most
 * MAX_TICKS iterations, cooled over them, with convergence checked every CHECK_PERIOD instead of
 * every 100. fcose lets a graph of n nodes run up to max(5n, 2500) iterations and checks for rest
 * once in 100; on 1,000 nodes it ran 600 iterations (5.3 s in this worker on the bench, issue #22),
 * most of them moving nodes by a few pixels. Short: 125 iterations, 3x faster, with 9% more edge
 * crossings and 14% more overlapping boxes on the bench's graph (the label tidy hides the rest).
 * Smaller graphs (the article's) keep fcose's own schedule.
 */
const QUICK_ABOVE = 300;
const MAX_TICKS = 300;
const CHECK_PERIOD = 25;
const constants = coseBase.layoutBase.FDLayoutConstants;
const initSpringEmbedder = coseBase.CoSELayout.prototype.initSpringEmbedder;
let tickBudget = 0;
coseBase.CoSELayout.prototype.initSpringEmbedder = function (this: {
  maxIterations: number;
  maxCoolingCycle: number;
}) {
  initSpringEmbedder.call(this);
  if (tickBudget > 0) {
    // The cooling schedule spans maxCoolingCycle checks: it ends with the budget, not after it.
    this.maxIterations = Math.min(this.maxIterations, tickBudget);
    this.maxCoolingCycle = this.maxIterations / constants.CONVERGENCE_CHECK_PERIOD;
  }
};

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

function layout(job: LayoutJob): Float64Array {
  const { ids, boxes, edges, options, seed } = job;
  const elements: cytoscape.ElementDefinition[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    elements.push({
      group: 'nodes',
      data: { id: `n${i}`, w: boxes[4 * i], h: boxes[4 * i + 1] },
      position: { x: boxes[4 * i + 2] ?? 0, y: boxes[4 * i + 3] ?? 0 },
    });
  }
  for (let k = 0; k + 1 < edges.length; k += 2) {
    elements.push({
      group: 'edges',
      data: { id: `e${k}`, source: `n${edges[k]}`, target: `n${edges[k + 1]}` },
    });
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    // Without it a headless instance puts every node at 0,0 and the positions sent are lost; without
    // a fit (there is no view to fit), which measured every element's box (a quarter of the time).
    layout: { name: 'preset', fit: false } as cytoscape.LayoutOptions,
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }],
    elements,
  });
  const quick = ids.length > QUICK_ABOVE;
  tickBudget = quick ? MAX_TICKS : 0;
  constants.CONVERGENCE_CHECK_PERIOD = quick ? CHECK_PERIOD : 100;
  try {
    // The sizes above already include the labels; the page fits the view when it applies the result.
    withSeed(seed, () =>
      cy
        .layout({
          ...options,
          name: 'fcose',
          animate: false,
          fit: false,
          nodeDimensionsIncludeLabels: false,
        } as cytoscape.LayoutOptions)
        .run(),
    );
    const positions = new Float64Array(ids.length * 2);
    cy.nodes().forEach((node, i) => {
      const p = node.position();
      positions[2 * i] = p.x;
      positions[2 * i + 1] = p.y;
    });
    return positions;
  } finally {
    cy.destroy();
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  try {
    if (request.type === 'communities') {
      const communities = findCommunities(request.count, request.edges, request.seed);
      scope.postMessage({ id: request.id, communities }, [communities.buffer]);
    } else {
      const positions = layout(request);
      scope.postMessage({ id: request.id, positions }, [positions.buffer]);
    }
  } catch (error) {
    scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};
