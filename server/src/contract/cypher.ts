import { z } from 'zod';
import { errorBody } from './common.js';
import { graphPayload } from './graph.js';
import { defineRoute } from './route.js';

export const cypherRequest = z
  .object({
    query: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters'),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: 'CypherRequest' });

export const cypherResponse = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.unknown())),
    graph: graphPayload.meta({ description: 'Nodes, relationships and paths found anywhere in the rows.' }),
    summary: z.object({
      queryType: z.string().meta({ example: 'r' }),
      ms: z.number(),
      truncated: z.boolean(),
      rowCount: z.number().int(),
    }),
  })
  .meta({ id: 'CypherResponse' });
export type CypherResponseT = z.infer<typeof cypherResponse>;

export const cypherRoute = defineRoute({
  method: 'post',
  path: '/cypher',
  operationId: 'runCypher',
  tag: 'cypher',
  summary: 'Run a read-only Cypher query',
  description:
    'Read-only by construction: a READ session, an EXPLAIN pass that must report a read-only query type, refusal of LOAD CSV, admin, schema and write procedures and CALL … IN TRANSACTIONS, a server-side timeout and a row cap.',
  body: cypherRequest,
  responses: {
    200: { description: 'Columns, rows, the graph in them, and a summary.', schema: cypherResponse },
    400: {
      description: 'Syntax or parameter error (with position when Neo4j gives one).',
      schema: errorBody,
    },
    403: { description: 'Refused: the query could write, read files, or administer.', schema: errorBody },
    504: { description: 'The query ran past the timeout and was stopped.', schema: errorBody },
  },
});
