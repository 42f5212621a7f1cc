import { z } from 'zod';
import { errorBody } from './common.js';
import { defineRoute } from './route.js';
import { graphFilters } from './subgraph.js';

export const exportQuery = graphFilters.extend({
  format: z
    .enum(['json', 'csv', 'csv-spreadsheet', 'graphml', 'geojson', 'dataset', 'neo4j-admin'])
    .default('json'),
});

export const exportRoute = defineRoute({
  method: 'get',
  path: '/export',
  operationId: 'exportGraph',
  tag: 'export',
  summary: 'The whole or filtered graph as a file',
  description:
    "json: the graph payload. dataset: the graph as a trove-dataset/2 document (seed/README.md) that `npm run seed -- --check` accepts and that loads into an empty database as the same graph: sources with their full text inline, entities with background aliases, claims, the vocabulary with descriptions, curated mentions and excluded spans. csv: a zip of nodes.csv and relationships.csv with neo4j-admin import headers (`id:ID`, `:LABEL`, typed list columns such as `aliases:string[]`, `:START_ID`, `:END_ID`, `:TYPE`, the evidence as parallel lists) and a README with the import command; every cell exactly as stored, so text beginning with = + - @ stays as it is (a spreadsheet would run it as a formula). csv-spreadsheet: the same two tables for Excel, LibreOffice or Sheets, where a text cell beginning with = + - @, tab or CR gets an apostrophe in front (OWASP's CSV-injection advice), so it is not exact and not for neo4j-admin. graphml: GraphML 1.0 that opens in Gephi; node `label` is the entity's name, edge `label` its type, lists joined with '; '. neo4j-admin: the whole store (sources, mentions, stories and history too; filters do not apply) as a zip for `neo4j-admin database import full` that gives back the same store: one nodes-N.csv / relationships-N.csv per label set or type and property types, restore-lists.cypher for the empty lists and lists of one empty string that CSV cannot hold, and a README with the command. geojson: an RFC 7946 FeatureCollection of Points for the located places, facilities and events (an event without a location of its own where the place it links to is; `placedVia` names that place), with `precision` (exact, city, region, country: a region or country is its centroid) and dates, for QGIS or any map tool.",
  query: exportQuery,
  responses: {
    200: {
      description:
        'The file, as an attachment: trove-graph.json or trove-dataset.json (application/json), trove-graph.zip, trove-graph-spreadsheet.zip or trove-store.zip (application/zip), trove-graph.graphml (application/graphml+xml) or trove-places.geojson (application/geo+json).',
      contentTypes: [
        'application/json',
        'application/zip',
        'application/graphml+xml',
        'application/geo+json',
      ],
    },
    400: { description: 'Bad filter or format.', schema: errorBody },
    503: { description: 'The database is unavailable.', schema: errorBody },
  },
});
