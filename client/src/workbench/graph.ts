import type { GraphPayloadT } from '../api/types.js';
import { graphController } from '../graph/controller.js';
import { useData } from '../state/data.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import type { Cell, PlainNodeValue } from './results.js';

/**
 * Draws a result's graph in the explorer's one Cytoscape view: its entities and relationships join
 * the page's data, and the view becomes an exploration seeded with exactly those entities, so the
 * graph, the list view and the URL all show the result (and a copied link reopens it).
 */
export function showInGraph(graph: GraphPayloadT): void {
  if (graph.nodes.length === 0) return;
  useData.setState((data) => ({
    nodes: { ...data.nodes, ...Object.fromEntries(graph.nodes.map((node) => [node.id, node])) },
    edges: { ...data.edges, ...Object.fromEntries(graph.edges.map((edge) => [edge.id, edge])) },
  }));
  const view = useView.getState();
  useView.setState({
    mode: 'explore',
    seeds: graph.nodes.map((node) => node.id),
    expanded: {},
    hidden: [],
    selected: view.selected && graph.nodes.some((n) => n.id === view.selected) ? view.selected : null,
    selectedEdge: null,
  });
  // The result's entities may all be on the graph already (from the overview), so no new node sets
  // off a layout; lay out and fit just them once the graph has been brought to the new view.
  setTimeout(() => graphController().runLayout(useView.getState().layout, { randomize: true }), 80);
  announce(`The graph shows the result: ${graph.nodes.length} entities, ${graph.edges.length} links.`);
}

/** Opens an entity in the explorer: its neighbourhood on the graph, its details beside it. */
export function openInExplorer(id: string): void {
  const view = useView.getState();
  view.focusEntity(id);
  view.setPage('explore');
}

function nodeEntityId(value: PlainNodeValue): string | null {
  const id = value.properties.id;
  return value.labels.includes('Entity') && typeof id === 'string' ? id : null;
}

function collectIds(value: unknown, known: ReadonlySet<string>, found: Set<string>, depth: number): void {
  if (depth > 8 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (known.has(value)) found.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, known, found, depth + 1);
    return;
  }
  if (typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (record.kind === 'node' && Array.isArray(record.labels)) {
    const id = nodeEntityId(record as unknown as PlainNodeValue);
    if (id) found.add(id);
    return;
  }
  if (record.kind === 'path' && Array.isArray(record.nodes)) {
    collectIds(record.nodes, known, found, depth + 1);
    return;
  }
  if (record.kind === 'relationship') return;
  for (const inner of Object.values(record)) collectIds(inner, known, found, depth + 1);
}

/**
 * The entities a row names: entity nodes anywhere in it (alone, in paths, lists, maps) and text
 * cells that are the id of an entity of the result's graph (`RETURN n.id AS id`).
 */
export function entityIdsInRow(row: readonly Cell[], known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const cell of row) collectIds(cell.value, known, found, 0);
  return [...found];
}
