// What the map draws, from the scene: one site per distinct location (a region's entities share its
// centroid, so Xinjiang is one marker listing the camps, the crackdown and the region itself), sites
// merged into clusters when they crowd at the current zoom, and which labels fit without overlap.
// Pure: the panel and the tests use the same functions.
import type { GraphEdgeT, GraphNodeT } from '../api/types.js';
import type { Placement } from '../../../contract/geo.js';
import type { LocationPrecision } from '../../../model/index.js';

export interface Site {
  key: string;
  lat: number;
  lon: number;
  precision: LocationPrecision;
  region: Placement['region'];
  /** Entities at this location: places first, then by links, then by name. */
  ids: string[];
  /** Links of all its entities, for its size. */
  links: number;
  /** What the marker is called: the place there when there is one, else its first entity. */
  label: string;
}

const KIND_ORDER: Record<string, number> = { Place: 0, Facility: 1, Event: 2 };

export function linkCounts(edges: readonly Pick<GraphEdgeT, 'source' | 'target'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const edge of edges) {
    counts.set(edge.source, (counts.get(edge.source) ?? 0) + 1);
    counts.set(edge.target, (counts.get(edge.target) ?? 0) + 1);
  }
  return counts;
}

export function sitesOf(
  nodes: readonly Pick<GraphNodeT, 'id' | 'name' | 'kind'>[],
  placed: ReadonlyMap<string, Placement>,
  links: ReadonlyMap<string, number>,
): Site[] {
  const byKey = new Map<
    string,
    { placement: Placement; nodes: Pick<GraphNodeT, 'id' | 'name' | 'kind'>[] }
  >();
  for (const node of nodes) {
    const at = placed.get(node.id);
    if (!at) continue;
    const key = `${at.lat.toFixed(4)},${at.lon.toFixed(4)}`;
    const site = byKey.get(key);
    if (site) site.nodes.push(node);
    else byKey.set(key, { placement: at, nodes: [node] });
  }
  return [...byKey.entries()].map(([key, { placement, nodes: here }]) => {
    const sorted = [...here].sort(
      (a, b) =>
        (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) ||
        (links.get(b.id) ?? 0) - (links.get(a.id) ?? 0) ||
        a.name.localeCompare(b.name),
    );
    return {
      key,
      lat: placement.lat,
      lon: placement.lon,
      precision: placement.precision,
      region: placement.region,
      ids: sorted.map((n) => n.id),
      links: sorted.reduce((sum, n) => sum + (links.get(n.id) ?? 0), 0),
      label: sorted[0]?.name ?? key,
    };
  });
}

/** Marker radius in screen pixels: area grows with links, from 7 px (a 14 px target) to 22 px. */
export function markerRadius(links: number): number {
  return Math.min(22, 7 + 2.2 * Math.sqrt(links));
}

export interface Cluster {
  key: string;
  x: number;
  y: number;
  sites: Site[];
  links: number;
}

/**
 * Sites within `cell` pixels of each other (same grid cell) become one cluster, placed at their
 * link-weighted mean. At the article's scale every site stays its own; at 10,000 it keeps the number
 * of drawn markers in the hundreds, so panning stays smooth.
 */
export function clusterSites(
  sites: readonly Site[],
  project: (lon: number, lat: number) => [number, number] | null,
  cell: number,
): Cluster[] {
  const cells = new Map<string, { sx: number; sy: number; w: number; sites: Site[]; links: number }>();
  for (const site of sites) {
    const p = project(site.lon, site.lat);
    if (!p) continue;
    const key = `${Math.floor(p[0] / cell)}:${Math.floor(p[1] / cell)}`;
    const w = 1 + site.links;
    const entry = cells.get(key);
    if (entry) {
      entry.sx += p[0] * w;
      entry.sy += p[1] * w;
      entry.w += w;
      entry.sites.push(site);
      entry.links += site.links;
    } else cells.set(key, { sx: p[0] * w, sy: p[1] * w, w, sites: [site], links: site.links });
  }
  return [...cells.values()].map((c) => ({
    key:
      c.sites.length === 1 ? (c.sites[0]?.key ?? '') : `cluster:${c.sites[0]?.key ?? ''}:${c.sites.length}`,
    x: c.sx / c.w,
    y: c.sy / c.w,
    sites: c.sites,
    links: c.links,
  }));
}

/**
 * Moves overlapping markers apart until no two discs overlap (with `gap` pixels between them), each
 * by as little as it takes: the grid of `clusterSites` merges only sites in one cell, so two crowded
 * neighbours (Xinjiang and Tibet at the world view) drew one disc over the other. Merging them instead
 * loses the place a reader is looking for; pushing apart keeps both, a few pixels off. The larger
 * marker (more links) moves less. Pairs are checked within a grid, so a few hundred markers cost
 * little; `rounds` bounds the work when a crowd cannot settle.
 */
export function separateClusters(
  clusters: readonly Cluster[],
  radius: (cluster: Cluster) => number,
  gap = 2,
  rounds = 40,
): Cluster[] {
  const discs = clusters.map((c) => ({ x: c.x, y: c.y, r: radius(c) }));
  const reach = 2 * Math.max(0, ...discs.map((d) => d.r)) + gap;
  for (let round = 0; round < rounds; round += 1) {
    const grid = new Map<string, number[]>();
    discs.forEach((d, i) => {
      const key = `${Math.floor(d.x / reach)}:${Math.floor(d.y / reach)}`;
      const cell = grid.get(key);
      if (cell) cell.push(i);
      else grid.set(key, [i]);
    });
    let moved = false;
    discs.forEach((a, i) => {
      const cx = Math.floor(a.x / reach);
      const cy = Math.floor(a.y / reach);
      for (let gx = cx - 1; gx <= cx + 1; gx += 1)
        for (let gy = cy - 1; gy <= cy + 1; gy += 1)
          for (const j of grid.get(`${gx}:${gy}`) ?? []) {
            if (j <= i) continue;
            const b = discs[j];
            if (!b) continue;
            const need = a.r + b.r + gap;
            let dx = b.x - a.x;
            let dy = b.y - a.y;
            let dist = Math.hypot(dx, dy);
            if (dist >= need - 0.01) continue;
            if (dist < 1e-6) {
              // Same spot: part them along a fixed direction, so the result does not depend on chance.
              dx = 1;
              dy = 0;
              dist = 1;
            }
            const push = need - Math.hypot(b.x - a.x, b.y - a.y);
            const share = a.r / (a.r + b.r); // b moves by a's share: the smaller disc moves more
            a.x -= (dx / dist) * push * (1 - share);
            a.y -= (dy / dist) * push * (1 - share);
            b.x += (dx / dist) * push * share;
            b.y += (dy / dist) * push * share;
            moved = true;
          }
    });
    if (!moved) break;
  }
  return clusters.map((c, i) => ({ ...c, x: discs[i]?.x ?? c.x, y: discs[i]?.y ?? c.y }));
}

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  key: string;
  weight: number;
  /** Where the label may go, in order of preference (right of its marker, then left). */
  candidates: LabelBox[];
}

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Greedy: the most linked first, each label at its first candidate that stays inside `bounds` and
 * overlaps neither a marker (`obstacles`) nor a label already placed. A label that fits nowhere is
 * not drawn (the marker's accessible name and the popover still say it).
 */
export function fitLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly (LabelBox & { key: string })[] = [],
  bounds?: LabelBox,
): Map<string, number> {
  const placed: LabelBox[] = [];
  const shown = new Map<string, number>();
  for (const request of [...requests].sort((a, b) => b.weight - a.weight)) {
    const at = request.candidates.findIndex(
      (box) =>
        (!bounds ||
          (box.x >= bounds.x &&
            box.y >= bounds.y &&
            box.x + box.width <= bounds.x + bounds.width &&
            box.y + box.height <= bounds.y + bounds.height)) &&
        !placed.some((p) => overlaps(box, p)) &&
        !obstacles.some((o) => o.key !== request.key && overlaps(box, o)),
    );
    const box = request.candidates[at];
    if (!box) continue;
    placed.push(box);
    shown.set(request.key, at);
  }
  return shown;
}
