import { z } from 'zod';
import { errorBody } from './common.js';
import { defineRoute } from './route.js';
import { graphFilters } from './subgraph.js';

export const exportQuery = graphFilters.extend({
  format: z.enum(['json', 'csv', 'graphml']).default('json'),
});

export const exportRoute = defineRoute({
  method: 'get',
  path: '/export',
  operationId: 'exportGraph',
  tag: 'export',
  summary: 'The whole or filtered graph as a file',
  description:
    'json: the graph payload. csv: a zip of nodes.csv and relationships.csv with neo4j-admin import headers. graphml: opens in Gephi.',
  query: exportQuery,
  responses: {
    200: { description: 'The file, as an attachment.', contentType: 'application/octet-stream' },
    400: { description: 'Bad filter or format.', schema: errorBody },
  },
});
