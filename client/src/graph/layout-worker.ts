// The force-directed layout, off the page's main thread: a headless Cytoscape in a worker runs fcose
// on the nodes' sizes (measured, labels included, by the page) and sends the positions back, so the
// page keeps drawing and answering while a large graph is laid out. See layout.ts for the page side.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { LayoutReply, LayoutRequest } from './layout.js';
import { hashString, withSeed } from './seeded.js';

cytoscape.use(fcose);

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutReply): void;
};

scope.onmessage = (event) => {
  const { id, nodes, edges, options } = event.data;
  try {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      // Without it a headless instance puts every node at 0,0 and the positions sent are lost.
      layout: { name: 'preset' },
      style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }],
      elements: [
        ...nodes.map((n) => ({
          group: 'nodes' as const,
          data: { id: n.id, w: n.w, h: n.h },
          position: { x: n.x, y: n.y },
        })),
        ...edges.map((e) => ({
          group: 'edges' as const,
          data: { id: e.id, source: e.source, target: e.target },
        })),
      ],
    });
    // The sizes above already include the labels; the page fits the view when it applies the result.
    // Seeded by the graph itself: the same nodes and links are laid out the same way every time.
    const seed = hashString(nodes.map((n) => n.id).join(',') + '|' + edges.length);
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
    const positions: Record<string, { x: number; y: number }> = {};
    cy.nodes().forEach((node) => {
      positions[node.id()] = { ...node.position() };
    });
    cy.destroy();
    scope.postMessage({ id, positions });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
