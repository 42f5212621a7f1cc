import { z } from 'zod';
import { errorBody } from './common.js';
import { graphPayload } from './graph.js';
import { defineRoute } from './route.js';

/** Deeper than this is no query or parameter anyone writes; Neo4j's parser and the thread hand-off recurse. */
export const maxQueryNesting = 100;
export const maxParamsDepth = 32;
/** Values (scalars, lists, maps) in all parameters together. */
export const maxParamsValues = 10_000;

/**
 * The deepest nesting of brackets in the query's code (strings, quoted names and comments aside),
 * counted in one pass: `RETURN ((((…))))` thousands deep overflows Neo4j's parser after seconds of work.
 */
export function queryNesting(query: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '/' && query[i + 1] === '/') {
      const end = query.indexOf('\n', i);
      i = end === -1 ? query.length : end;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end === -1 ? query.length : end + 1;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += c !== '`' && query[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(' || c === '[' || c === '{') {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/**
 * Depth and number of values of a JSON value, walked without recursion: a body of 40 kB can nest
 * 20,000 levels, which overflows any recursive walk (and did: the hand-off to a console thread).
 */
export function jsonShape(value: unknown): { depth: number; values: number } {
  let deepest = 0;
  let values = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    values += 1;
    if (depth > deepest) deepest = depth;
    if (item !== null && typeof item === 'object') {
      for (const inner of Object.values(item)) stack.push([inner, depth + 1]);
    }
  }
  return { depth: deepest, values };
}

export const cypherRequest = z
  .object({
    query: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(20_000, 'must be at most 20000 characters')
      .refine((query) => queryNesting(query) <= maxQueryNesting, {
        message: `must not nest brackets more than ${maxQueryNesting} levels deep`,
      }),
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .superRefine((params, ctx) => {
        // A parameter's own value is level 1, as the server counts; the field names the parameter.
        let values = 0;
        for (const [name, value] of Object.entries(params)) {
          const shape = jsonShape(value);
          values += shape.values;
          if (shape.depth + 1 > maxParamsDepth) {
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: `must not be nested more than ${maxParamsDepth} levels deep (lists and maps inside each other)`,
            });
            return;
          }
        }
        if (values > maxParamsValues) {
          ctx.addIssue({
            code: 'custom',
            message: `must hold at most ${maxParamsValues} values in all (items of lists and maps included)`,
          });
        }
      })
      .meta({
        description: `Query parameters: at most ${maxParamsDepth} levels deep and ${maxParamsValues} values in all.`,
      }),
  })
  .meta({ id: 'CypherRequest' });
export type CypherRequestT = z.output<typeof cypherRequest>;

/** Something Neo4j noticed while planning a query that still ran: an unknown label, a cartesian product. */
export const cypherNotification = z
  .object({
    code: z.string().meta({ example: 'Neo.ClientNotification.Statement.UnknownLabelWarning' }),
    severity: z.string().meta({ example: 'WARNING' }),
    title: z.string(),
    description: z.string(),
    position: z
      .object({ line: z.number().int(), column: z.number().int(), offset: z.number().int() })
      .optional()
      .meta({ description: "Where in the user's query, as in CypherErrorBody." }),
  })
  .meta({ id: 'CypherNotification' });
export type CypherNotificationT = z.infer<typeof cypherNotification>;

export const cypherResponse = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.unknown())),
    graph: graphPayload.meta({
      description:
        'Every Entity node, and every relationship between entities, found anywhere in the rows (alone, in paths, nested in lists or maps), with both ends of each edge. Sources and mentions are not graph elements; they appear in `rows` only.',
    }),
    summary: z.object({
      queryType: z.string().meta({ example: 'r' }),
      ms: z.number(),
      truncated: z.boolean(),
      rowCount: z.number().int(),
    }),
    notifications: z.array(cypherNotification).meta({
      description:
        "Neo4j's warnings and hints about the query (unknown label, cartesian product, deprecated syntax), which a query with no rows otherwise hides.",
    }),
  })
  .meta({ id: 'CypherResponse' });
export type CypherResponseT = z.infer<typeof cypherResponse>;

/**
 * A query Neo4j rejects (syntax, unknown variable, type or arithmetic error, missing parameter):
 * code CYPHER_ERROR, Neo4j's own message, its status code, and where in the query when Neo4j says.
 */
export const cypherErrorBody = z
  .object({
    error: errorBody.shape.error.extend({
      code: z.string().meta({ example: 'CYPHER_ERROR' }),
      neo4jCode: z.string().optional().meta({ example: 'Neo.ClientError.Statement.SyntaxError' }),
      position: z
        .object({
          line: z.number().int().meta({ description: '1-based line of the query.' }),
          column: z.number().int().meta({ description: '1-based column on that line.' }),
          offset: z.number().int().meta({ description: '0-based character offset into the query.' }),
        })
        .optional(),
    }),
  })
  .meta({ id: 'CypherErrorBody' });

export const cypherRoute = defineRoute({
  method: 'post',
  path: '/cypher',
  operationId: 'runCypher',
  tag: 'cypher',
  summary: 'Run a read-only Cypher query',
  description:
    'Read-only by construction: a READ session, an EXPLAIN pass that must report a read-only query type, refusal of LOAD CSV, admin, schema and write procedures and CALL … IN TRANSACTIONS, a server-side timeout, a row cap and a size cap.',
  body: cypherRequest,
  responses: {
    200: { description: 'Columns, rows, the graph in them, and a summary.', schema: cypherResponse },
    400: {
      description:
        'BAD_REQUEST: the body is malformed (`field` names what). CYPHER_ERROR: Neo4j rejected the query (syntax, semantics, types, missing parameter, too much memory), with its message and, when given, the position.',
      schema: cypherErrorBody,
    },
    403: {
      description:
        'QUERY_REFUSED: the query could write, read files, call a procedure outside the allow-list, or administer; the message says which.',
      schema: errorBody,
    },
    413: { description: 'PAYLOAD_TOO_LARGE: the request body is over the limit.', schema: errorBody },
    422: {
      description:
        'RESULT_TOO_LARGE: the first row alone is over the size the console sends (QUERY_RESULT_MAX_BYTES, `maxBytes`); later rows over it end the result with `truncated` instead.',
      schema: errorBody,
    },
    503: { description: 'DATABASE_UNAVAILABLE: the database is unreachable.', schema: errorBody },
    504: { description: 'QUERY_TIMEOUT: the query ran past the timeout and was stopped.', schema: errorBody },
  },
});
