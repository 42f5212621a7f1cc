// Where things are on the map, from the graph payload: an entity's own location, or, for an event
// without one, the location of the place or facility it links to (TOOK_PLACE_IN and the like). One
// rule for the page's map and the GeoJSON export, so both put an event in the same place.
import type { LocationPrecision } from '../model/index.js';
import type { GeoLocationT, GraphEdgeT, GraphNodeT } from './graph.js';

export interface Placement {
  id: string;
  lat: number;
  lon: number;
  precision: LocationPrecision;
  region: GeoLocationT['region'];
  /** The place whose location an event borrows; null when the entity has its own. */
  via: string | null;
}

const PRECISION_RANK: Record<LocationPrecision, number> = { exact: 0, city: 1, region: 2, country: 3 };
const PLACE_KINDS = new Set(['Place', 'Facility']);

/**
 * Every entity of the payload that can be put on a map. An event takes the most precise location
 * among the places and facilities it points to; on a tie, the first in the payload.
 */
export function placements(
  nodes: readonly Pick<GraphNodeT, 'id' | 'kind' | 'location'>[],
  edges: readonly Pick<GraphEdgeT, 'source' | 'target'>[],
): Map<string, Placement> {
  const result = new Map<string, Placement>();
  const byId = new Map(nodes.map((node) => [node.id, node]));
  for (const node of nodes) {
    if (node.location) result.set(node.id, { id: node.id, ...node.location, via: null });
  }
  for (const edge of edges) {
    const event = byId.get(edge.source);
    const place = byId.get(edge.target);
    if (event?.kind !== 'Event' || event.location || !place || !PLACE_KINDS.has(place.kind)) continue;
    const at = place.location;
    if (!at) continue;
    const current = result.get(event.id);
    if (current && PRECISION_RANK[current.precision] <= PRECISION_RANK[at.precision]) continue;
    result.set(event.id, { id: event.id, ...at, via: place.id });
  }
  return result;
}
