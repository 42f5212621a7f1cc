import type { Core, ElementDefinition, SingularElementArgument } from 'cytoscape';
import type { SceneElements } from './controller.js';
import { TIME_HIDDEN } from './playhead.js';
import { hashString } from './seeded.js';

/** Classes the controller itself gives (label choice, bent links, the playhead's): a sync keeps them. */
const OWN_CLASSES = ['label-off', 'label-top', 'bent', TIME_HIDDEN];
const kept = (ele: SingularElementArgument) => OWN_CLASSES.filter((c) => ele.hasClass(c));

const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(b).every((key) => a[key] === b[key]);

/**
 * Brings the drawn elements to `wanted` (add / remove / update, in one batch), so positions, zoom
 * and animations survive every render; `added` runs when anything came in. Returns the ids of nodes
 * that were added.
 */
export function syncElements(cy: Core, wanted: SceneElements, added: () => void): string[] {
  const addedIds: string[] = [];
  cy.batch(() => {
    const wantedNodes = new Map(wanted.nodes.map((n) => [n.data.id, n]));
    const wantedEdges = new Map(wanted.edges.map((e) => [e.data.id, e]));
    cy.edges()
      .filter((edge) => {
        const next = wantedEdges.get(edge.id());
        return !next || next.data.source !== edge.data('source') || next.data.target !== edge.data('target');
      })
      .remove();
    cy.nodes()
      .filter((node) => !wantedNodes.has(node.id()))
      .remove();

    const center = viewportCenter(cy);
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
        if (!sameData(existing.data() as Record<string, unknown>, { ...node.data })) existing.data(node.data);
        existing.classes([...node.classes, ...kept(existing)]);
      } else {
        addedIds.push(node.data.id);
        additions.push({
          group: 'nodes',
          data: { ...node.data },
          classes: node.classes,
          position: startingPosition(cy, node.data.id, neighbours.get(node.data.id) ?? [], center),
        });
      }
    }
    if (additions.length) cy.add(additions);
    const edgeAdditions: ElementDefinition[] = [];
    for (const edge of wanted.edges) {
      const existing = cy.getElementById(edge.data.id);
      if (existing.nonempty()) {
        if (!sameData(existing.data() as Record<string, unknown>, { ...edge.data })) existing.data(edge.data);
        existing.classes([...edge.classes, ...kept(existing)]);
      } else edgeAdditions.push({ group: 'edges', data: { ...edge.data }, classes: edge.classes });
    }
    if (edgeAdditions.length) cy.add(edgeAdditions);
    if (additions.length || edgeAdditions.length) added();
  });
  return addedIds;
}

/** New nodes start beside a neighbour already on screen, so an expansion grows out of its node. */
function startingPosition(
  cy: Core,
  id: string,
  neighbours: readonly string[],
  fallback: { x: number; y: number },
): { x: number; y: number } {
  for (const other of neighbours) {
    const node = cy.getElementById(other);
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

function viewportCenter(cy: Core): { x: number; y: number } {
  const extent = cy.extent();
  return Number.isFinite(extent.x1)
    ? { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 }
    : { x: 0, y: 0 };
}
