import { geoCircle, geoNaturalEarth1, geoPath } from 'd3-geo';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { placements } from '../../../contract/geo.js';
import { CURATED_REGIONS, regionRadiusKm } from '../../../model/regions.js';
import type { Scene } from '../graph/scene.js';
import { useData } from '../state/data.js';
import { useHover } from '../state/hover.js';
import { useView } from '../state/view.js';
import { benchMode } from '../timeline/bench.js';
import { timeState } from '../timeline/play.js';
import { announce } from '../ui/announce.js';
import { formatDate, plural } from '../ui/format.js';
import {
  clusterSites,
  fitLabels,
  linkCounts,
  markerRadius,
  separateClusters,
  sitesOf,
  type Cluster,
  type Site,
} from './sites.js';
import { useWorld } from './world.js';
import './map.css';

const CELL = 30;
const LABEL_FONT = 12;
const MIN_ZOOM = 1;
const MAX_ZOOM = 40;
const KM_PER_DEGREE = 111.195;

// Where a label sits for each fitLabels candidate: right, left, above, below its marker.
const LABEL_PLACES: ((r: number) => React.SVGProps<SVGTextElement>)[] = [
  (r) => ({ x: r + 4, dy: '0.35em', textAnchor: 'start' }),
  (r) => ({ x: -(r + 4), dy: '0.35em', textAnchor: 'end' }),
  (r) => ({ y: -(r + 5), textAnchor: 'middle' }),
  (r) => ({ y: r + 4, dy: '0.8em', textAnchor: 'middle' }),
];

const PRECISION_TEXT: Record<Site['precision'], string> = {
  exact: 'exact place',
  city: 'somewhere in the city',
  region: 'somewhere in the region',
  country: 'somewhere in the country',
};

function useSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setSize({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Sites for the bench: `count` entities at spread-out points (deterministic), one site each. */
function benchSites(count: number): Site[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: count }, (_, i) => {
    const lat = -55 + random() * 125;
    const lon = -180 + random() * 360;
    return {
      key: `b${i}`,
      lat,
      lon,
      precision: 'city' as const,
      region: null,
      ids: [`bench-${i}`],
      links: Math.floor(random() * 12),
      label: `Place ${i}`,
    };
  });
}

/**
 * The places of the scene on a map of Natural Earth's outlines: one marker per location sized by its
 * links, countries shaded where a place is a country, regions as approximate discs, events where
 * they took place. Selection and hover are the graph's (the view store); the scene's filters and the
 * timeline's playhead decide what is on it.
 */
export default function MapPanel({ scene, until }: { scene: Scene; until: string | null }) {
  const frameRef = useRef<HTMLDivElement>(null);
  const panRef = useRef<SVGGElement>(null);
  const markersRef = useRef<SVGGElement>(null);
  const { width, height } = useSize(frameRef);
  const world = useWorld();
  const allNodes = useData((s) => s.nodes);
  const allEdges = useData((s) => s.edges);
  const selected = useView((s) => s.selected);
  const hovered = useHover((s) => s.id);
  const [bench, setBench] = useState<Site[] | null>(null);
  const [zoom, setZoom] = useState(1);
  const pan = useRef({ x: 0, y: 0 });
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [open, setOpen] = useState<{ cluster: Cluster; x: number; y: number } | null>(null);

  const projection = useMemo(
    () =>
      geoNaturalEarth1().fitExtent(
        [
          [8, 8],
          [Math.max(16, width - 8), Math.max(16, height - 8)],
        ],
        { type: 'Sphere' },
      ),
    [width, height],
  );
  const path = useMemo(() => geoPath(projection), [projection]);

  // Every event is placed through the places it links to, whether or not they are drawn.
  const placed = useMemo(
    () => placements(Object.values(allNodes), Object.values(allEdges)),
    [allNodes, allEdges],
  );
  const links = useMemo(() => linkCounts(scene.edges), [scene.edges]);
  const sites = useMemo(
    () => bench ?? sitesOf(scene.nodes, placed, links),
    [bench, scene.nodes, placed, links],
  );
  const unplaced = useMemo(
    () => scene.nodes.filter((n) => (n.kind === 'Place' || n.kind === 'Facility') && !placed.has(n.id)),
    [scene.nodes, placed],
  );

  const project = useMemo(
    () =>
      (lon: number, lat: number): [number, number] | null => {
        const p = projection([lon, lat]);
        return p ? [p[0] * zoom, p[1] * zoom] : null;
      },
    [projection, zoom],
  );
  const clusters = useMemo(
    () => separateClusters(clusterSites(sites, project, CELL), (c) => markerRadius(c.links)),
    [sites, project],
  );
  const ordered = useMemo(() => [...clusters].sort((a, b) => a.x - b.x || a.y - b.y), [clusters]);

  const countryShade = useMemo(() => {
    const ids = new Set<string>();
    for (const site of sites) if (site.precision === 'country' && site.region) ids.add(site.region.id);
    return ids;
  }, [sites]);
  const regionDiscs = useMemo(() => {
    const ids = new Set(sites.filter((s) => s.precision === 'region' && s.region).map((s) => s.region?.id));
    return CURATED_REGIONS.filter((r) => ids.has(r.id)).map((r) => ({
      id: r.id,
      name: r.name,
      d:
        path(
          geoCircle()
            .center([r.lon, r.lat])
            .radius(regionRadiusKm(r) / KM_PER_DEGREE)(),
        ) ?? '',
    }));
  }, [sites, path]);
  const countries = useMemo(
    () =>
      (world?.features ?? []).map((f) => ({
        id: String(f.id ?? f.properties.name),
        d: path(f) ?? '',
      })),
    [world, path],
  );
  const sphere = useMemo(() => path({ type: 'Sphere' }) ?? '', [path]);

  // A cluster is named after its most linked location; the count says how many entities it holds.
  const labelFor = (cluster: Cluster): string => {
    const top = [...cluster.sites].sort((a, b) => b.links - a.links)[0];
    if (!top) return '';
    const count = cluster.sites.reduce((n, site) => n + site.ids.length, 0);
    return count > 1 ? `${top.label} +${count - 1}` : top.label;
  };
  const labelWidth = (text: string) => text.length * LABEL_FONT * 0.6 + 4;
  // Which side each label goes (0: right of its marker, 1: left), for those that fit at all.
  const labelSides = useMemo(() => {
    const { x: px, y: py } = pan.current;
    const boxes = clusters.map((c) => {
      const r = markerRadius(c.links);
      return { key: c.key, x: c.x + px - r, y: c.y + py - r, width: 2 * r, height: 2 * r };
    });
    return fitLabels(
      clusters.map((c) => {
        const r = markerRadius(c.links);
        const w = labelWidth(labelFor(c));
        const y = c.y + py - LABEL_FONT / 2 - 2;
        return {
          key: c.key,
          weight: c.links,
          candidates: [
            { x: c.x + px + r + 3, y, width: w, height: LABEL_FONT + 4 },
            { x: c.x + px - r - 3 - w, y, width: w, height: LABEL_FONT + 4 },
            { x: c.x + px - w / 2, y: c.y + py - r - 3 - LABEL_FONT - 4, width: w, height: LABEL_FONT + 4 },
            { x: c.x + px - w / 2, y: c.y + py + r + 3, width: w, height: LABEL_FONT + 4 },
          ],
        };
      }),
      boxes,
      { x: 0, y: 0, width, height },
    );
  }, [clusters, width, height]);

  const applyPan = () => {
    const { x, y } = pan.current;
    panRef.current?.setAttribute('transform', `translate(${x},${y}) scale(${zoom})`);
    markersRef.current?.setAttribute('transform', `translate(${x},${y})`);
  };
  useLayoutEffect(applyPan);

  const zoomTo = (k: number, cx = width / 2, cy = height / 2) => {
    const next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, k));
    const ratio = next / zoom;
    pan.current = { x: cx - (cx - pan.current.x) * ratio, y: cy - (cy - pan.current.y) * ratio };
    if (next === MIN_ZOOM) pan.current = { x: 0, y: 0 };
    setOpen(null);
    setZoom(next);
  };
  const panBy = (dx: number, dy: number) => {
    pan.current = { x: pan.current.x + dx, y: pan.current.y + dy };
    applyPan();
  };

  // The bench drives the map the way it drives the graph: synthetic sites, then panning.
  const panByRef = useRef(panBy);
  panByRef.current = panBy;
  useEffect(() => {
    const handle = {
      load: (count: number) => setBench(count > 0 ? benchSites(count) : null),
      panBy: (dx: number, dy: number) => panByRef.current(dx, dy),
      zoom: (k: number) => setZoom(k),
      markers: () => markersRef.current?.childElementCount ?? 0,
    };
    // Only with ?bench, as the graph does (bench/map.ts drives it).
    if (!benchMode) return;
    (globalThis as { troveMap?: typeof handle }).troveMap = handle;
    return () => {
      delete (globalThis as { troveMap?: typeof handle }).troveMap;
    };
  }, []);

  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if ((event.target as Element).closest('.map-marker')) return;
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 3) return;
    d.moved = true;
    d.x = event.clientX;
    d.y = event.clientY;
    if (open) setOpen(null);
    panBy(dx, dy);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onWheel = (event: React.WheelEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    zoomTo(zoom * (event.deltaY < 0 ? 1.25 : 0.8), event.clientX - box.left, event.clientY - box.top);
  };

  const nameOf = (id: string) => allNodes[id]?.name ?? id;
  const describe = (cluster: Cluster): string => {
    if (cluster.sites.length > 1)
      return `${plural(cluster.sites.length, 'location')} close together; Enter zooms in`;
    const site = cluster.sites[0];
    if (!site) return '';
    const where = site.region
      ? `${site.region.name}, ${PRECISION_TEXT[site.precision]}`
      : PRECISION_TEXT[site.precision];
    const names = site.ids.slice(0, 4).map(nameOf).join(', ');
    const more = site.ids.length > 4 ? ` and ${site.ids.length - 4} more` : '';
    return `${names}${more} (${where}; ${plural(site.links, 'link')})`;
  };
  const activate = (cluster: Cluster) => {
    const site = cluster.sites[0];
    if (cluster.sites.length > 1 || !site) {
      zoomTo(zoom * 2.5, cluster.x + pan.current.x, cluster.y + pan.current.y);
      return;
    }
    const [only] = site.ids;
    if (site.ids.length === 1 && only) {
      useView.getState().select(only);
      announce(`${nameOf(only)} is selected; its details are in the side panel.`);
      return;
    }
    setOpen({ cluster, x: cluster.x + pan.current.x, y: cluster.y + pan.current.y });
  };

  const focusMarker = (key: string | null) => {
    setFocusKey(key);
    if (!key) return;
    requestAnimationFrame(() =>
      markersRef.current?.querySelector<SVGGElement>(`[data-key="${CSS.escape(key)}"]`)?.focus(),
    );
  };
  const onMarkerKey = (event: KeyboardEvent<SVGGElement>, cluster: Cluster) => {
    const index = ordered.indexOf(cluster);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(cluster);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault();
      focusMarker(ordered[Math.min(ordered.length - 1, index + 1)]?.key ?? null);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusMarker(ordered[Math.max(0, index - 1)]?.key ?? null);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focusMarker((event.key === 'Home' ? ordered[0] : ordered.at(-1))?.key ?? null);
    }
  };
  const tabbable = ordered.some((c) => c.key === focusKey) ? focusKey : (ordered[0]?.key ?? null);

  const onSurfaceKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as Element).closest('.map-marker, .map-popover')) {
      if (event.key === 'Escape' && open) {
        setOpen(null);
        focusMarker(open.cluster.key);
      }
      return;
    }
    const step = 60;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      panBy(...move);
    } else if (event.key === '+' || event.key === '=') zoomTo(zoom * 1.5);
    else if (event.key === '-') zoomTo(zoom / 1.5);
  };

  return (
    <section className="map-panel" aria-labelledby="map-heading">
      <div className="map-toolbar">
        <h2 id="map-heading" className="map-heading">
          Map
        </h2>
        <div className="toolbar-group">
          <button
            type="button"
            className="btn btn--icon"
            aria-label="Zoom the map in"
            onClick={() => zoomTo(zoom * 1.5)}
          >
            +
          </button>
          <button
            type="button"
            className="btn btn--icon"
            aria-label="Zoom the map out"
            onClick={() => zoomTo(zoom / 1.5)}
          >
            −
          </button>
          <button type="button" className="btn" onClick={() => zoomTo(1)}>
            World
          </button>
        </div>
        <p className="map-count muted">
          {plural(
            sites.reduce((n, s) => n + s.ids.length, 0),
            'entity',
            'entities',
          )}{' '}
          at {plural(sites.length, 'location')}
        </p>
      </div>
      {/* The surface takes arrow keys to pan and + / − to zoom; markers take arrows to move between them. */}
      <div
        ref={frameRef}
        className="map-frame"
        tabIndex={0}
        role="group"
        aria-label="Map of the places: arrow keys pan, + and − zoom, Tab reaches the markers"
        onKeyDown={onSurfaceKey}
      >
        <svg
          width={width}
          height={height}
          className="map-svg"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onWheel={onWheel}
        >
          <g ref={panRef}>
            <path className="map-sphere" d={sphere} />
            {countries.map((c) => (
              <path
                key={c.id}
                className={`map-country ${countryShade.has(c.id) ? 'map-country--shaded' : ''}`}
                d={c.d}
              />
            ))}
            {regionDiscs.map((r) => (
              <path key={r.id} className="map-region" d={r.d}>
                <title>{`${r.name}: approximate extent (centroid and area)`}</title>
              </path>
            ))}
          </g>
          <g ref={markersRef} role="list" aria-label="Places on the map">
            {clusters.map((cluster) => {
              const r = markerRadius(cluster.links);
              const ids = cluster.sites.flatMap((s) => s.ids);
              const isSelected = selected !== null && ids.includes(selected);
              const isHovered = hovered !== null && ids.includes(hovered);
              const inProgress =
                until !== null && ids.some((id) => timeState(allNodes[id]?.date, until) === 'during');
              const hasEvent = ids.every((id) => allNodes[id]?.kind === 'Event');
              const site = cluster.sites[0];
              const text = labelFor(cluster);
              return (
                <g
                  key={cluster.key}
                  data-key={cluster.key}
                  className={`map-marker ${isSelected ? 'map-marker--selected' : ''} ${isHovered ? 'map-marker--hover' : ''} ${inProgress ? 'map-marker--during' : ''} ${hasEvent ? 'map-marker--event' : ''} map-marker--${cluster.sites.length > 1 ? 'cluster' : (site?.precision ?? 'city')}`}
                  transform={`translate(${cluster.x},${cluster.y})`}
                  role="listitem"
                >
                  <g
                    role="button"
                    tabIndex={cluster.key === tabbable ? 0 : -1}
                    aria-label={describe(cluster)}
                    aria-pressed={
                      cluster.sites.length === 1 && site?.ids.length === 1 ? isSelected : undefined
                    }
                    aria-haspopup={
                      cluster.sites.length === 1 && (site?.ids.length ?? 0) > 1 ? 'true' : undefined
                    }
                    onClick={() => activate(cluster)}
                    onKeyDown={(e) => onMarkerKey(e, cluster)}
                    onFocus={() => {
                      setFocusKey(cluster.key);
                      useHover.getState().set(ids[0] ?? null, 'map');
                    }}
                    onBlur={() => useHover.getState().set(null, 'map')}
                    onPointerEnter={() => useHover.getState().set(ids[0] ?? null, 'map')}
                    onPointerLeave={() => useHover.getState().set(null)}
                  >
                    <circle r={r} className="map-marker-dot" />
                  </g>
                  {/* The visible texts sit beside the button: its name is the fuller description. */}
                  {cluster.sites.length > 1 || (site?.ids.length ?? 0) > 1 ? (
                    <text className="map-marker-count" dy="0.35em" aria-hidden="true">
                      {cluster.sites.length > 1 ? cluster.sites.length : site?.ids.length}
                    </text>
                  ) : null}
                  {text && labelSides.has(cluster.key) ? (
                    <text
                      className="map-label"
                      {...LABEL_PLACES[labelSides.get(cluster.key) ?? 0]?.(r)}
                      aria-hidden="true"
                    >
                      {text}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        </svg>
        {open ? (
          <div
            className="map-popover"
            role="group"
            aria-label={`At ${open.cluster.sites[0]?.label ?? ''}`}
            style={{
              left: Math.min(Math.max(4, open.x + 12), Math.max(4, width - 250)),
              top: Math.min(Math.max(4, open.y - 12), Math.max(4, height - 200)),
            }}
          >
            <p className="map-popover-title">
              At {open.cluster.sites[0]?.region?.name ?? open.cluster.sites[0]?.label}{' '}
              <span className="muted">({PRECISION_TEXT[open.cluster.sites[0]?.precision ?? 'city']})</span>
            </p>
            <ul>
              {(open.cluster.sites[0]?.ids ?? []).map((id, i) => {
                const node = allNodes[id];
                return (
                  <li key={id}>
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={selected === id}
                      ref={i === 0 ? (el) => el?.focus() : undefined}
                      onClick={() => {
                        useView.getState().select(id);
                        announce(`${nameOf(id)} is selected; its details are in the side panel.`);
                      }}
                      onPointerEnter={() => useHover.getState().set(id, 'map')}
                      onPointerLeave={() => useHover.getState().set(null)}
                    >
                      {nameOf(id)}
                    </button>{' '}
                    <span className="muted">
                      {node?.kind}
                      {node?.date ? `, ${formatDate(node.date)}` : ''}
                    </span>
                  </li>
                );
              })}
            </ul>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                const key = open.cluster.key;
                setOpen(null);
                focusMarker(key);
              }}
            >
              Close
            </button>
          </div>
        ) : null}
      </div>
      <p className="map-notes muted">
        Marker size: links. Shaded: a country named as a place; dashed discs: regions, approximate (centre and
        area, not outlines). Events sit where the place they link to is.
        {until !== null ? ' A dashed marker is dated to a period still running at the playhead.' : ''}
        {unplaced.length > 0
          ? ` Not on the map (no location): ${unplaced.map((n) => n.name).join(', ')}.`
          : ''}
      </p>
    </section>
  );
}
