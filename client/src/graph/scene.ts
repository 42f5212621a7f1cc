import type { ApiError } from '../api/http.js';
import type { GraphEdgeT, GraphNodeT, PathsResponseT } from '../api/types.js';
import { pathKey, type DataState } from '../state/data.js';
import { samePlayheadAside, type Filters, type ViewState } from '../state/view.js';
import { playheadEnd, shownBy, timeIndexFor } from './timeLayer.js';

export interface MoreInfo {
  shown: number;
  total: number;
}

/** What the graph, the list and the counts show: derived from the view and the fetched data. */
export interface Scene {
  /** After hiding and filters: what is drawn. */
  nodes: GraphNodeT[];
  edges: GraphEdgeT[];
  /** Before filters (but after hiding): for "showing N of M". */
  totalNodes: number;
  totalEdges: number;
  /** Expanded nodes whose neighbourhood holds more than is shown. */
  more: Record<string, MoreInfo>;
  expanded: Set<string>;
  hiddenCount: number;
  /** The path being shown (the chosen one) and all found paths. */
  path: { nodeIds: Set<string>; edgeIds: Set<string>; allEdgeIds: Set<string>; allNodeIds: Set<string> };
  /** Where the scene stands: loading when anything it needs is still on its way. */
  loading: boolean;
  error: ApiError | null;
  /** Nodes of the scene whose data has not arrived (ids from the URL, not yet fetched). */
  pending: string[];
  /**
   * What the graph holds: the scene before the timeline's playhead (after every other filter). The
   * same object while only the playhead moves, so a playing timeline never redraws the graph: it
   * shows and hides these in place (timeLayer.ts).
   */
  drawn: { nodes: GraphNodeT[]; edges: GraphEdgeT[] };
  /** The playhead `nodes` and `edges` are cut at; null: every date. */
  until: string | null;
}

function yearOf(value: string | null | undefined): number | null {
  if (!value) return null;
  const year = Number.parseInt(value.slice(0, 4), 10);
  return Number.isFinite(year) ? year : null;
}

/** Whether something dated [start, end] overlaps the filter's years; undated things follow `undated`. */
export function passesDate(date: { start: string; end: string | null } | null, filters: Filters): boolean {
  if (filters.yearFrom === null && filters.yearTo === null) return true;
  const start = yearOf(date?.start);
  if (start === null) return filters.undated;
  const end = yearOf(date?.end) ?? start;
  if (filters.yearFrom !== null && end < filters.yearFrom) return false;
  if (filters.yearTo !== null && start > filters.yearTo) return false;
  return true;
}

export function activePaths(view: ViewState, data: DataState): PathsResponseT | null {
  const { from, to, maxHops, k, asserters } = view.path;
  if (!from || !to) return null;
  const entry = data.paths[pathKey({ from, to, maxHops, k, asserters })];
  return entry?.status === 'ready' ? entry.data : null;
}

export function buildScene(view: ViewState, data: DataState): Scene {
  return atPlayhead(sceneBeforePlayhead(view, data), view.filters.until ?? null);
}

/**
 * buildScene with a memory of one: while only the playhead moves (the same view otherwise, the same
 * data), the scene before it is reused, the same objects, and only the cut at the playhead is made
 * again. The timeline plays many steps a second; the graph follows `drawn`, which stays put.
 */
export function sceneBuilder(): (view: ViewState, data: DataState) => Scene {
  let last: { view: ViewState; data: DataState; before: Scene } | null = null;
  return (view, data) => {
    if (!last || last.data !== data || !samePlayheadAside(last.view, view))
      last = { view, data, before: sceneBeforePlayhead(view, data) };
    return atPlayhead(last.before, view.filters.until ?? null);
  };
}

/**
 * What the playhead shows of a scene: what was known or happening by `until`. A path the user asked
 * for stays whole, as with the other filters.
 */
export function atPlayhead(scene: Scene, until: string | null): Scene {
  if (!until) return scene.until === null ? scene : { ...scene, ...scene.drawn, until: null };
  // The index says when each element appears (passesUntil's rule, the path kept whole), the same
  // one the graph shows and hides by: the counts and the list always match what is drawn.
  const index = timeIndexFor(scene);
  const end = playheadEnd(until);
  const nodes = scene.drawn.nodes.filter((n) => shownBy(index, n.id, end));
  const edges = scene.drawn.edges.filter((e) => shownBy(index, e.id, end));
  return { ...scene, nodes, edges, until };
}

function sceneBeforePlayhead(view: ViewState, data: DataState): Scene {
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  const more: Record<string, MoreInfo> = {};
  let loading = false;
  let error: ApiError | null = null;

  if (view.mode === 'overview') {
    const overview = data.overview;
    if (!overview || overview.status === 'loading') loading = true;
    if (overview?.status === 'error') error = overview.error;
    for (const id of overview?.data?.nodeIds ?? []) nodeIds.add(id);
    for (const id of overview?.data?.edgeIds ?? []) edgeIds.add(id);
  } else {
    for (const id of view.seeds) nodeIds.add(id);
    for (const [id, limit] of Object.entries(view.expanded)) {
      nodeIds.add(id);
      const hood = data.neighborhoods[id];
      if (!hood || hood.status === 'loading') loading = true;
      if (hood?.status === 'error') error ??= hood.error;
      if (hood?.data) {
        for (const n of hood.data.nodeIds) nodeIds.add(n);
        for (const e of hood.data.edgeIds) edgeIds.add(e);
        const shown = hood.data.nodeIds.filter((n) => n !== id).length;
        if (hood.data.total > shown) more[id] = { shown, total: hood.data.total };
        else if (hood.status === 'ready' && hood.data.limit < limit) loading = true;
      }
    }
  }

  const paths = activePaths(view, data);
  const chosen = paths?.paths[Math.min(view.path.index, (paths?.paths.length ?? 1) - 1)];
  const path = {
    nodeIds: new Set(chosen?.nodes ?? []),
    edgeIds: new Set(chosen?.edges ?? []),
    allNodeIds: new Set(paths?.paths.flatMap((p) => p.nodes) ?? []),
    allEdgeIds: new Set(paths?.paths.flatMap((p) => p.edges) ?? []),
  };
  // A says-step walks from an entity to who asserts a claim on its link: the link is drawn whole,
  // so its other end comes too.
  for (const p of paths?.paths ?? [])
    p.hops?.forEach((hop, i) => {
      const edge = hop === 'says' ? data.edges[p.edges[i] ?? ''] : undefined;
      if (edge) for (const end of [edge.source, edge.target]) path.allNodeIds.add(end);
    });
  for (const id of path.allNodeIds) nodeIds.add(id);
  for (const id of path.allEdgeIds) edgeIds.add(id);

  // Edges already known between nodes of the scene belong to it too (e.g. learned from two expansions).
  if (view.mode === 'explore') {
    for (const edge of Object.values(data.edges)) {
      if (nodeIds.has(edge.source) && nodeIds.has(edge.target)) edgeIds.add(edge.id);
    }
  }

  const hidden = new Set(view.hidden);
  let hiddenCount = 0;
  const pending: string[] = [];
  const sceneNodes: GraphNodeT[] = [];
  for (const id of nodeIds) {
    const node = data.nodes[id];
    if (!node) {
      pending.push(id);
      continue;
    }
    if (hidden.has(id) && !path.allNodeIds.has(id)) {
      hiddenCount += 1;
      continue;
    }
    sceneNodes.push(node);
  }
  const present = new Set(sceneNodes.map((n) => n.id));
  const sceneEdges: GraphEdgeT[] = [];
  for (const id of edgeIds) {
    const edge = data.edges[id];
    if (edge && present.has(edge.source) && present.has(edge.target)) sceneEdges.push(edge);
  }

  // Filters never remove what the user asked a path for.
  const { filters } = view;
  const kinds = new Set(filters.hiddenKinds);
  const rels = new Set(filters.hiddenRels);
  const stances = new Set<string>(filters.hiddenStances);
  const nodes = sceneNodes.filter(
    (n) => path.allNodeIds.has(n.id) || (!kinds.has(n.kind) && passesDate(n.date, filters)),
  );
  const kept = new Set(nodes.map((n) => n.id));
  const edges = sceneEdges.filter(
    (e) =>
      path.allEdgeIds.has(e.id) ||
      (kept.has(e.source) &&
        kept.has(e.target) &&
        !rels.has(e.type) &&
        !stances.has(e.attribution.stance) &&
        passesDate(e.date, filters)),
  );
  nodes.sort((a, b) => a.name.localeCompare(b.name));

  return {
    nodes,
    edges,
    totalNodes: sceneNodes.length,
    totalEdges: sceneEdges.length,
    more,
    expanded: new Set(view.mode === 'explore' ? Object.keys(view.expanded) : []),
    hiddenCount,
    path,
    loading,
    error,
    pending,
    drawn: { nodes, edges },
    until: null,
  };
}
