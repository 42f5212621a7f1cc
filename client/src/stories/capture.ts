import type { EvidenceT, GraphEdgeT } from '../api/types.js';
import type { Scene } from '../graph/scene.js';
import type { DataState } from '../state/data.js';
import type { ViewState } from '../state/view.js';
import type { StoryStepT } from './api.js';

/** What the graph shows, from its controller: where the camera and each node stand. */
export interface Drawn {
  camera: { zoom: number; pan: { x: number; y: number } };
  positions: Record<string, { x: number; y: number }>;
}

/** The quotes a step could show: the selected link's, else those of the selected entity's links. */
export function quoteChoices(
  focusId: string | null,
  linkId: string | null,
  edgeIds: readonly string[],
  data: DataState,
): EvidenceT[] {
  if (linkId) {
    const own = data.edges[linkId]?.evidence ?? [];
    if (own.length) return own;
  }
  const edges = edgeIds.map((id) => data.edges[id]).filter((e): e is GraphEdgeT => !!e);
  const around = focusId ? edges.filter((e) => e.source === focusId || e.target === focusId) : edges;
  const seen = new Set<string>();
  const quotes: EvidenceT[] = [];
  for (const edge of around.length ? around : edges) {
    for (const quote of edge.evidence) {
      const key = `${quote.sourceId}:${quote.start}:${quote.end}`;
      if (!seen.has(key)) {
        seen.add(key);
        quotes.push(quote);
      }
    }
  }
  return quotes;
}

/** The quote of a new step: the first choice, else a mention of the selected entity. */
function pickQuote(focusId: string | null, linkId: string | null, edgeIds: string[], data: DataState) {
  const first = quoteChoices(focusId, linkId, edgeIds, data)[0];
  if (first) return first;
  const entity = focusId ? data.entities[focusId] : undefined;
  const mention = entity?.status === 'ready' ? entity.data.mentions[0] : undefined;
  return mention
    ? { sourceId: mention.sourceId, start: mention.start, end: mention.end, quote: mention.quote }
    : null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * What is on screen now, as a story step: the scene's entities and links, the selected entity and
 * link, the highlighted path, the layout, where each node stands, the camera, and a quote.
 */
export function captureStep(
  scene: Scene,
  drawn: Drawn,
  view: ViewState,
  data: DataState,
  fallbackTitle: string,
): StoryStepT | null {
  const nodeIds = scene.nodes.map((n) => n.id).slice(0, 500);
  if (nodeIds.length === 0) return null;
  const kept = new Set(nodeIds);
  const edgeIds = scene.edges
    .filter((e) => kept.has(e.source) && kept.has(e.target))
    .map((e) => e.id)
    .slice(0, 1_000);
  const edgeSet = new Set(edgeIds);
  const focusId = view.selected && kept.has(view.selected) ? view.selected : null;
  const linkId = view.selectedEdge && edgeSet.has(view.selectedEdge) ? view.selectedEdge : null;
  const positions: Record<string, { x: number; y: number }> = {};
  for (const id of nodeIds) {
    const p = drawn.positions[id];
    if (p) positions[id] = { x: round(p.x), y: round(p.y) };
  }
  return {
    title: (focusId ? data.nodes[focusId]?.name : undefined) ?? fallbackTitle,
    caption: '',
    nodeIds,
    edgeIds,
    focusId,
    layout: view.layout,
    camera: drawn.camera,
    quote: pickQuote(focusId, linkId, edgeIds, data),
    linkId,
    pathEdgeIds: [...scene.path.edgeIds].filter((id) => edgeSet.has(id)),
    positions: Object.keys(positions).length === nodeIds.length ? positions : null,
    ...(view.map ? { view: 'map' as const } : {}),
    ...(view.filters.until ? { until: view.filters.until } : {}),
  };
}
