import { z } from 'zod';
import { errorBody } from './common.js';
import { defineRoute } from './route.js';

export const health = z
  .object({
    status: z.literal('ok'),
    neo4j: z.object({ connected: z.literal(true), version: z.string(), edition: z.string() }),
    counts: z.object({ nodes: z.number().int(), relationships: z.number().int() }),
  })
  .meta({ id: 'Health' });
export type HealthT = z.infer<typeof health>;

export const healthDown = z
  .object({
    status: z.literal('unavailable'),
    neo4j: z.object({ connected: z.literal(false), version: z.null(), edition: z.null() }),
    counts: z.null(),
    error: errorBody.shape.error,
  })
  .meta({ id: 'HealthDown' });

export const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tag: 'health',
  summary: 'Whether the database is reachable, its version and edition, and the size of the graph',
  responses: {
    200: { description: 'The database answers.', schema: health },
    503: { description: 'The database is unreachable.', schema: healthDown },
  },
});
