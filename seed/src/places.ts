// Which of a dataset's places the map can show, and how precisely: a Markdown table of every place,
// facility and event with the coordinates and precision the seed stores for it (or, for an event, the
// place it borrows them from, as the map and the GeoJSON export do), and those that cannot be placed,
// with what the gazetteer would propose for their name. For a closing note or a review of a dataset.
//
//   npx tsx seed/src/places.ts [dataset.yaml]     (default: the article's dataset)
import { placements } from '../../contract/geo.js';
import type { GeoLocationT } from '../../contract/graph.js';
import type { LocationPrecision } from '../../model/index.js';
import { findRegion, proposeLocation } from '../../server/src/geo/gazetteer.js';
import { locationProps } from './locations.js';
import { readDataset } from './read.js';
import { LOCATION } from '../../model/index.js';

const KINDS = new Set(['Place', 'Facility', 'Event']);

/** The location as the graph API gives it, from what the seed stores. */
function storedLocation(location: Parameters<typeof locationProps>[0]): GeoLocationT | undefined {
  if (!location) return undefined;
  const props = locationProps(location);
  const regionId = props[LOCATION.region] as string | null;
  const region = regionId ? findRegion(regionId) : undefined;
  return {
    lat: props[LOCATION.lat] as number,
    lon: props[LOCATION.lon] as number,
    precision: props[LOCATION.precision] as LocationPrecision,
    region: region ? { id: region.id, name: region.name } : null,
  };
}

const cell = (text: string) => text.replaceAll('|', '\\|');
const degrees = (value: number, positive: string, negative: string) =>
  `${Math.abs(value).toFixed(4)}° ${value >= 0 ? positive : negative}`;

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'seed/data/no-mercy-in-xinjiang.yaml';
  const read = await readDataset(file);
  if (!read.ok) {
    for (const error of read.errors)
      console.error(`${error.file}:${error.line ?? ''}: ${error.record}: ${error.problem}`);
    process.exit(1);
  }
  const { entities, relationships } = read.dataset.data;
  const nodes = entities.map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    location: storedLocation(e.location),
  }));
  const placed = placements(
    nodes,
    relationships.map((r) => ({ source: r.from, target: r.to })),
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rows = nodes.filter((n) => KINDS.has(n.kind));

  const lines = [
    `Places, facilities and events of \`${file}\` on the map (${placed.size} of ${rows.length} placed).`,
    '',
    '| entity | kind | coordinates (WGS 84) | precision | region or country | how |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const unplaced: string[] = [];
  for (const node of rows) {
    const at = placed.get(node.id);
    if (!at) {
      const proposal = node.kind === 'Event' ? undefined : proposeLocation(node.name);
      const why =
        node.kind === 'Event'
          ? 'no link to a place or facility with a location'
          : proposal
            ? `no location; the gazetteer would propose ${cell(JSON.stringify(proposal))}`
            : 'no location, and the gazetteer has nothing for its name';
      unplaced.push(`| ${cell(node.name)} | ${node.kind} | — | — | — | not placed: ${why} |`);
      continue;
    }
    const how = at.via
      ? `where ${cell(byId.get(at.via)?.name ?? at.via)} is (its link)`
      : at.region
        ? `the ${at.precision}'s centroid (gazetteer)`
        : 'its own point (dataset)';
    lines.push(
      `| ${cell(node.name)} | ${node.kind} | ${degrees(at.lat, 'N', 'S')}, ${degrees(at.lon, 'E', 'W')} | ${at.precision} | ${cell(at.region?.name ?? '—')} | ${how} |`,
    );
  }
  lines.push(...unplaced);
  console.log(lines.join('\n'));
}

await main();
