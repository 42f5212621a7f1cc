import type { Driver } from 'neo4j-driver';
import type { GraphPayloadT } from '../../../contract/graph.js';
import type { GraphFiltersT } from '../../../contract/subgraph.js';
import { readGraph } from '../graph/query.js';
import { readDataset } from './dataset.js';
import { toCsvZip, toGraphMl } from './formats.js';
import { readStoreForAdmin } from './store.js';
import { toGeoJson } from './geojson.js';

export type ExportFormat =
  'json' | 'csv' | 'csv-spreadsheet' | 'graphml' | 'geojson' | 'dataset' | 'neo4j-admin';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Uint8Array | string;
}

/** The graph as the file a user downloads; `csv` is a zip because the graph needs two tables. */
export function exportFile(
  format: Exclude<ExportFormat, 'dataset' | 'neo4j-admin'>,
  graph: GraphPayloadT,
): ExportFile {
  switch (format) {
    case 'json':
      return {
        filename: 'trove-graph.json',
        contentType: 'application/json; charset=utf-8',
        body: `${JSON.stringify(graph, null, 2)}\n`,
      };
    case 'csv':
      return { filename: 'trove-graph.zip', contentType: 'application/zip', body: toCsvZip(graph) };
    case 'csv-spreadsheet':
      return {
        filename: 'trove-graph-spreadsheet.zip',
        contentType: 'application/zip',
        body: toCsvZip(graph, new Date(), 'spreadsheet'),
      };
    case 'graphml':
      return {
        filename: 'trove-graph.graphml',
        contentType: 'application/graphml+xml; charset=utf-8',
        body: toGraphMl(graph),
      };
    case 'geojson':
      return {
        filename: 'trove-places.geojson',
        contentType: 'application/geo+json; charset=utf-8',
        body: `${JSON.stringify(toGeoJson(graph), null, 2)}\n`,
      };
  }
}

/**
 * The export a user asked for. `dataset` reads the stored graph itself (texts, curated mentions,
 * background aliases); with filters, the filtered graph picks which entities and links it holds.
 */
export async function readExport(
  driver: Driver,
  format: ExportFormat,
  filters: GraphFiltersT,
): Promise<ExportFile> {
  if (format === 'neo4j-admin') {
    return {
      filename: 'trove-store.zip',
      contentType: 'application/zip',
      body: await readStoreForAdmin(driver),
    };
  }
  if (format !== 'dataset') return exportFile(format, await readGraph(driver, filters));
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const graph = filtered ? await readGraph(driver, filters) : null;
  const dataset = await readDataset(
    driver,
    graph && {
      entityIds: new Set(graph.nodes.map((node) => node.id)),
      relationshipIds: new Set(graph.edges.map((edge) => edge.id)),
    },
  );
  return {
    filename: 'trove-dataset.json',
    contentType: 'application/json; charset=utf-8',
    body: `${JSON.stringify(dataset, null, 2)}\n`,
  };
}
