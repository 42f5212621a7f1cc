import { useEffect } from 'react';
import type { Scene } from '../graph/scene.js';
import {
  ensureEntity,
  ensureLink,
  ensureNeighborhood,
  ensureOverview,
  ensurePaths,
  ensureSource,
  ensureVocabulary,
  isSummary,
  type DataState,
} from './data.js';
import type { ViewState } from './view.js';

/** Asks the API for whatever the current view needs and is not cached (idempotent per render). */
export function useViewData(view: ViewState, data: DataState, scene: Scene): void {
  useEffect(() => {
    ensureVocabulary();
    if (view.mode === 'overview') ensureOverview();
    for (const [id, limit] of Object.entries(view.expanded)) ensureNeighborhood(id, limit);
    const { from, to, maxHops, k, asserters } = view.path;
    if (from && to) ensurePaths({ from, to, maxHops, k, asserters });
    if (view.selected) ensureEntity(view.selected);
    // A link from a neighbourhood is a summary: its claims are asked for when it is opened.
    const edge = view.selectedEdge ? data.edges[view.selectedEdge] : undefined;
    if (edge && isSummary(edge)) ensureLink(edge.source, edge.id);
    for (const id of scene.pending) ensureEntity(id);
    // Path pickers restored from a URL need the names of their ends.
    if (from && !data.nodes[from]) ensureEntity(from);
    if (to && !data.nodes[to]) ensureEntity(to);
    if (view.reader) ensureSource(view.reader.sourceId);
  }, [view, data, scene]);
}
