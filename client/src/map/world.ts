// Natural Earth's country outlines at 1:110m, from the world-atlas package, bundled by Vite into the
// map's own chunk: no tile server, no outside host (the page's CSP allows none).
import { useEffect, useState } from 'react';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type World = FeatureCollection<Geometry, { name: string }>;

let loaded: Promise<World> | null = null;

export function loadWorld(): Promise<World> {
  loaded ??= import('world-atlas/countries-110m.json').then((module) => {
    const topology = (module.default ?? module) as unknown as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    return feature(topology, topology.objects.countries) as World;
  });
  return loaded;
}

export function useWorld(): World | null {
  const [world, setWorld] = useState<World | null>(null);
  useEffect(() => {
    let live = true;
    void loadWorld().then((w) => {
      if (live) setWorld(w);
    });
    return () => {
      live = false;
    };
  }, []);
  return world;
}
