// The timeline's playhead on the graph, without redrawing it: the graph holds every element of the
// scene before the playhead (Scene.drawn) and hides those the playhead has not reached. Elements are
// ordered once by when they appear, so a step of the playhead is a run of that order (found by
// binary search) to show or to hide, never a pass over the whole graph.
import type { GraphEdgeT, GraphNodeT } from '../api/types.js';
import { endOf, startOf } from '../timeline/axis.js';
import { edgeTime } from '../timeline/play.js';

export interface TimeIndex {
  /** Dated elements (node and edge ids), in the order they appear. Undated ones are always shown. */
  ids: string[];
  /** When each appears (fractional years), ascending: shown once the playhead's end is past it. */
  at: number[];
  /** The same, by id. */
  appears: ReadonlyMap<string, number>;
}

type Drawn = { nodes: readonly GraphNodeT[]; edges: readonly GraphEdgeT[] };
type PathIds = { allNodeIds: ReadonlySet<string>; allEdgeIds: ReadonlySet<string> };

const indexes = new WeakMap<Drawn, TimeIndex>();

/**
 * The index of a scene, made once per `drawn` (which the scene before the playhead keeps while only
 * the playhead moves): the scene's cut at the playhead and the graph's both read this one.
 */
export function timeIndexFor(scene: { drawn: Drawn; path: PathIds }): TimeIndex {
  let index = indexes.get(scene.drawn);
  if (!index) {
    index = timeIndexOf(scene.drawn, scene.path);
    indexes.set(scene.drawn, index);
  }
  return index;
}

/** Whether the playhead at `until` shows the element (undated and unlisted ones always). */
export function shownBy(index: TimeIndex, id: string, end: number): boolean {
  const at = index.appears.get(id);
  return at === undefined || at < end;
}

/** Where the playhead stands, as the time it shows things up to; null shows everything. */
export function playheadEnd(until: string | null): number {
  return until ? endOf(until) : Infinity;
}

/**
 * When each element appears, as buildScene's playhead decides it (passesUntil): a node at its date's
 * start; a link at its own time (its claims' earliest date, else its date) and not before both its
 * ends. What is on the path the user asked for, or undated, is always shown.
 */
export function timeIndexOf(drawn: Drawn, path: PathIds): TimeIndex {
  const appears = new Map<string, number>();
  for (const node of drawn.nodes) {
    if (node.date && !path.allNodeIds.has(node.id)) appears.set(node.id, startOf(node.date.start));
  }
  for (const edge of drawn.edges) {
    if (path.allEdgeIds.has(edge.id)) continue;
    const time = edgeTime(edge);
    const at = Math.max(
      time ? startOf(time.start) : -Infinity,
      appears.get(edge.source) ?? -Infinity,
      appears.get(edge.target) ?? -Infinity,
    );
    if (at > -Infinity) appears.set(edge.id, at);
  }
  const sorted = [...appears].sort((a, b) => a[1] - b[1]);
  return { ids: sorted.map(([id]) => id), at: sorted.map(([, at]) => at), appears };
}

/** How many of the index's elements the playhead shows: the first ones, appearing before its end. */
export function shownAt(index: TimeIndex, until: string | null): number {
  const end = playheadEnd(until);
  let low = 0;
  let high = index.at.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((index.at[mid] ?? Infinity) < end) low = mid + 1;
    else high = mid;
  }
  return low;
}
