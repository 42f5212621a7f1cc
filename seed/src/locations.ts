// A dataset's locations against the offline gazetteer (server/src/geo/gazetteer.ts): a region must
// be one it knows, with the precision it has; a place without a location is worth a warning (the map
// cannot show it), never an error (some places cannot honestly be placed, e.g. "southwestern China").
import type { DatasetEntity, DatasetLocation } from './dataset.js';
import { findRegion } from '../../server/src/geo/gazetteer.js';
import { LOCATION } from '../../model/index.js';

/** Why a location cannot be stored, or nothing. */
export function locationProblems(location: DatasetLocation): string[] {
  if (location.region === undefined) {
    return location.precision === 'region' || location.precision === 'country'
      ? [`precision ${location.precision} needs region (the region or country), not a point`]
      : [];
  }
  const region = findRegion(location.region);
  if (!region) {
    return [
      `region "${location.region}" is not in the gazetteer: use a Natural Earth country (name or ISO 3166-1 numeric id) or a region of model/regions.ts, or give lat and lon`,
    ];
  }
  if (region.precision !== location.precision) {
    return [`"${location.region}" is a ${region.precision}, so precision must be ${region.precision}`];
  }
  return [];
}

/** The stored properties of a location (model LOCATION): a region is stored with its centroid. */
export function locationProps(location: DatasetLocation | undefined): Record<string, unknown> {
  if (!location) return {};
  const region = location.region === undefined ? undefined : findRegion(location.region);
  return {
    [LOCATION.lat]: region?.lat ?? location.lat ?? null,
    [LOCATION.lon]: region?.lon ?? location.lon ?? null,
    [LOCATION.region]: region?.id ?? null,
    [LOCATION.precision]: location.precision,
  };
}

/** Places the map cannot show, as warnings for `--check`. */
export function locationWarnings(
  entities: readonly DatasetEntity[],
): { record: string; path: (string | number)[]; problem: string }[] {
  return entities.flatMap((entity, i) =>
    entity.kind === 'Place' && entity.location === undefined
      ? [
          {
            record: `entities[${i}] "${entity.id}"`,
            path: ['entities', i],
            problem:
              'place without a location: the map cannot show it (add location: a point with lat and lon, or a region, with its precision)',
          },
        ]
      : [],
  );
}
