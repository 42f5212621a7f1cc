import type { GraphPayloadT } from '../../../contract/graph.js';
import { toCsvZip, toGraphMl } from './formats.js';

export type ExportFormat = 'json' | 'csv' | 'csv-spreadsheet' | 'graphml';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Uint8Array | string;
}

/** The graph as the file a user downloads; `csv` is a zip because the graph needs two tables. */
export function exportFile(format: ExportFormat, graph: GraphPayloadT): ExportFile {
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
  }
}
