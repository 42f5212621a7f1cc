import type { Core } from 'cytoscape';
import type { EvidenceT, GraphEdgeT } from '../api/types.js';
import type { DataState } from '../state/data.js';
import type { ViewState } from '../state/view.js';
import type { StoryStepT } from './api.js';

/** The quote of a step: the selected link's evidence, else the selected entity's, else any drawn link's. */
function pickQuote(view: ViewState, data: DataState, edgeIds: string[]): EvidenceT | null {
  const edges = edgeIds.map((id) => data.edges[id]).filter((e): e is GraphEdgeT => !!e);
  if (view.selectedEdge) {
    const quote = data.edges[view.selectedEdge]?.evidence[0];
    if (quote) return quote;
  }
  if (view.selected) {
    const own = edges.find(
      (e) => (e.source === view.selected || e.target === view.selected) && e.evidence[0],
    );
    if (own?.evidence[0]) return own.evidence[0];
    const entity = data.entities[view.selected];
    const mention = entity?.status === 'ready' ? entity.data.mentions[0] : undefined;
    if (mention)
      return { sourceId: mention.sourceId, start: mention.start, end: mention.end, quote: mention.quote };
  }
  return edges.find((e) => e.evidence[0])?.evidence[0] ?? null;
}

/** What the graph shows now, as a story step: its entities, links, layout, camera and a quote. */
export function captureStep(
  cy: Core,
  view: ViewState,
  data: DataState,
  fallbackTitle: string,
): StoryStepT | null {
  const nodeIds = cy
    .nodes()
    .map((n) => n.id())
    .slice(0, 500);
  if (nodeIds.length === 0) return null;
  const kept = new Set(nodeIds);
  const edgeIds = cy
    .edges()
    .filter((e) => kept.has(e.source().id()) && kept.has(e.target().id()))
    .map((e) => e.id())
    .slice(0, 1_000);
  const focusId = view.selected && kept.has(view.selected) ? view.selected : null;
  const pan = cy.pan();
  return {
    title: (focusId ? data.nodes[focusId]?.name : undefined) ?? fallbackTitle,
    caption: '',
    nodeIds,
    edgeIds,
    focusId,
    layout: view.layout,
    camera: { zoom: cy.zoom(), pan: { x: pan.x, y: pan.y } },
    quote: pickQuote(view, data, edgeIds),
  };
}
