import { describe, expect, it } from 'vitest';
import type { Placement } from '../../../contract/geo.js';
import {
  clusterSites,
  fitLabels,
  linkCounts,
  markerRadius,
  separateClusters,
  sitesOf,
  type Cluster,
} from './sites.js';

const at = (id: string, lat: number, lon: number, precision: Placement['precision'] = 'city'): Placement => ({
  id,
  lat,
  lon,
  precision,
  region: null,
  via: null,
});

describe('map sites', () => {
  const nodes = [
    { id: 'camps', name: 'Internment camps', kind: 'Facility' as const },
    { id: 'xinjiang', name: 'Xinjiang', kind: 'Place' as const },
    { id: 'crackdown', name: 'Crackdown', kind: 'Event' as const },
    { id: 'melbourne', name: 'Melbourne', kind: 'Place' as const },
    { id: 'chen', name: 'Chen Quanguo', kind: 'Person' as const },
  ];
  const placed = new Map([
    ['camps', at('camps', 41.5, 85.5, 'region')],
    ['xinjiang', at('xinjiang', 41.5, 85.5, 'region')],
    ['crackdown', { ...at('crackdown', 41.5, 85.5, 'region'), via: 'xinjiang' }],
    ['melbourne', at('melbourne', -37.8, 145)],
  ]);
  const links = linkCounts([
    { source: 'chen', target: 'xinjiang' },
    { source: 'crackdown', target: 'xinjiang' },
    { source: 'camps', target: 'xinjiang' },
  ]);

  it('puts the entities of one location on one site named after its place, and leaves the unplaced out', () => {
    const sites = sitesOf(nodes, placed, links);
    expect(sites).toHaveLength(2);
    const xinjiang = sites.find((s) => s.label === 'Xinjiang');
    expect(xinjiang?.ids).toEqual(['xinjiang', 'camps', 'crackdown']);
    expect(xinjiang?.links).toBe(5);
    expect(sites.flatMap((s) => s.ids)).not.toContain('chen');
  });

  it('sizes markers by links, never below a 14 px target', () => {
    expect(markerRadius(0)).toBe(7);
    expect(markerRadius(9)).toBeGreaterThan(markerRadius(1));
    expect(markerRadius(10_000)).toBe(22);
  });

  it('clusters sites that share a grid cell and keeps distant ones apart', () => {
    const sites = sitesOf(nodes, placed, links);
    const project = (lon: number, lat: number): [number, number] => [400 + lon * 2, 200 - lat * 2];
    expect(clusterSites(sites, project, 10)).toHaveLength(2);
    expect(clusterSites(sites, project, 1000)).toHaveLength(1);
  });

  it('moves crowded markers apart until none overlaps, the larger one least, and leaves lone ones', () => {
    const cluster = (key: string, x: number, y: number, links: number): Cluster => ({
      key,
      x,
      y,
      links,
      sites: [],
    });
    const crowd = [
      cluster('xinjiang', 100, 100, 60),
      cluster('tibet', 108, 104, 4),
      cluster('kunming', 104, 112, 1),
      cluster('same-spot', 100, 100, 1),
      cluster('melbourne', 400, 300, 2),
    ];
    const radius = (c: Cluster) => markerRadius(c.links);
    const apart = separateClusters(crowd, radius, 2);
    for (const [i, a] of apart.entries())
      for (const b of apart.slice(i + 1))
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.key} × ${b.key}`).toBeGreaterThanOrEqual(
          radius(a) + radius(b) + 2 - 0.05,
        );
    const moved = (key: string) => {
      const before = crowd.find((c) => c.key === key);
      const after = apart.find((c) => c.key === key);
      return Math.hypot((after?.x ?? 0) - (before?.x ?? 0), (after?.y ?? 0) - (before?.y ?? 0));
    };
    expect(moved('xinjiang')).toBeLessThan(moved('tibet'));
    expect(moved('melbourne')).toBe(0);
    expect(apart.map((c) => c.key)).toEqual(crowd.map((c) => c.key));
  });

  it('places a label right of its marker, else left, else not at all', () => {
    const box = (x: number, y = 0) => ({ x, y, width: 50, height: 14 });
    const shown = fitLabels(
      [
        { key: 'a', weight: 1, candidates: [box(0), box(-60)] },
        { key: 'b', weight: 5, candidates: [box(10, 5), box(-50, 5)] },
        { key: 'c', weight: 0, candidates: [box(100)] },
        { key: 'd', weight: 0, candidates: [box(300)] },
      ],
      [{ key: 'm', x: 100, y: 0, width: 10, height: 10 }],
      { x: -100, y: -20, width: 380, height: 100 },
    );
    // b first (most linked) at its right; a then only fits left; c hits a marker; d is off the map.
    expect([...shown.entries()].sort()).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
  });
});
