// First-level regions that Natural Earth's world-atlas package does not carry (it has countries
// only). A short curated list for the article's places, shared by the seed (validation), the
// server (gazetteer) and the page (shading): a centroid and an area, not an outline, so the map
// shades them as an approximate disc and says so. Plain data: the page imports it.

export interface CuratedRegion {
  /** The id a dataset writes (`location: {region: xinjiang, precision: region}`). */
  id: string;
  name: string;
  aliases: readonly string[];
  /** Natural Earth id (ISO 3166-1 numeric) of the country the region is in. */
  country: string;
  /** Approximate centroid, degrees. */
  lat: number;
  lon: number;
  /** Area in km², for the radius of the disc the map shades. */
  areaKm2: number;
}

/**
 * Source: centroids rounded to 0.5° from the regions' coordinates on Wikipedia (which cite GeoNames
 * first-order divisions), areas as published by the regions' governments and quoted there. Good
 * enough to say "somewhere in this region", which is all a region precision claims.
 */
export const CURATED_REGIONS: readonly CuratedRegion[] = [
  {
    id: 'xinjiang',
    name: 'Xinjiang',
    aliases: [
      'Xinjiang Uyghur Autonomous Region',
      'Xinjiang Uighur Autonomous Region',
      '新疆',
      'East Turkestan',
    ],
    country: '156',
    lat: 41.5,
    lon: 85.5,
    areaKm2: 1_664_897,
  },
  {
    id: 'tibet',
    name: 'Tibet',
    aliases: ['Tibet Autonomous Region', 'Xizang', '西藏'],
    country: '156',
    lat: 31.5,
    lon: 88,
    areaKm2: 1_228_400,
  },
  {
    id: 'yunnan',
    name: 'Yunnan',
    aliases: ['云南', 'Yunnan Province'],
    country: '156',
    lat: 25,
    lon: 101.5,
    areaKm2: 394_100,
  },
];

/** The radius in km of a disc with the region's area: what the map shades for "somewhere here". */
export function regionRadiusKm(region: Pick<CuratedRegion, 'areaKm2'>): number {
  return Math.sqrt(region.areaKm2 / Math.PI);
}
