// The located part of the graph as GeoJSON (RFC 7946) for QGIS or any map tool: one Point per place,
// facility or event that has a location, its own or the place it took place in (contract/geo.ts).
// A region or country is its centroid, and `precision` says so: a reader must not take
// "Xinjiang, region" for a spot.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { GraphPayloadT } from '../../../contract/graph.js';
import { placements } from '../../../contract/geo.js';

export function toGeoJson(graph: GraphPayloadT): FeatureCollection<Point> {
  const placed = placements(graph.nodes, graph.edges);
  const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
  const links = new Map<string, number>();
  for (const edge of graph.edges) {
    links.set(edge.source, (links.get(edge.source) ?? 0) + 1);
    links.set(edge.target, (links.get(edge.target) ?? 0) + 1);
  }
  const features: Feature<Point>[] = [];
  for (const node of graph.nodes) {
    const at = placed.get(node.id);
    if (!at) continue;
    features.push({
      type: 'Feature',
      id: node.id,
      geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
      properties: {
        id: node.id,
        name: node.name,
        kind: node.kind,
        precision: at.precision,
        region: at.region?.id ?? null,
        regionName: at.region?.name ?? null,
        placedVia: at.via,
        placedViaName: at.via === null ? null : (names.get(at.via) ?? at.via),
        dateStart: node.date?.start ?? null,
        dateEnd: node.date?.end ?? null,
        datePrecision: node.date?.precision ?? null,
        links: links.get(node.id) ?? 0,
        description: node.description,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
