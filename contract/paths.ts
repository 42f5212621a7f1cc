import { z } from 'zod';
import { entityId, errorBody } from './common.js';
import { graphPayload } from './graph.js';
import { defineRoute } from './route.js';
import { BOUNDS, PATH_HOPS, PATH_VIA } from '../model/index.js';

export const pathsQuery = z.object({
  from: entityId,
  to: entityId,
  maxHops: z.coerce
    .number()
    .int()
    .min(BOUNDS.pathHops.min)
    .max(BOUNDS.pathHops.max)
    .default(BOUNDS.pathHops.default),
  k: z.coerce.number().int().min(BOUNDS.pathK.min).max(BOUNDS.pathK.max).default(BOUNDS.pathK.default),
  via: z.enum(PATH_VIA).default('links').meta({
    description:
      '`links` walks links only; `asserters` may also step from an entity to someone who asserts a claim on one of its links ("James Leibold says …"), or back.',
  }),
});

export const pathItem = z
  .object({
    nodes: z.array(z.string()).meta({ description: 'Node ids from `from` to `to`.' }),
    edges: z
      .array(z.string())
      .meta({ description: 'Edge ids, one per hop; direction may run against the path.' }),
    length: z.number().int(),
    hops: z.array(z.enum(PATH_HOPS)).optional().meta({
      description:
        'With via=asserters, one per edge: `link` walks the link; `says` steps between an end of the link and one who asserts a claim on it.',
    }),
  })
  .meta({ id: 'Path' });

export const pathsResponse = graphPayload.extend({ paths: z.array(pathItem) }).meta({ id: 'PathsResponse' });
export type PathsResponseT = z.infer<typeof pathsResponse>;

export const pathsRoute = defineRoute({
  method: 'get',
  path: '/paths',
  operationId: 'findPaths',
  tag: 'paths',
  summary: 'The k shortest paths between two entities, ignoring direction',
  query: pathsQuery,
  responses: {
    200: {
      description: 'Paths, shortest first; an empty list when none exists within maxHops.',
      schema: pathsResponse,
    },
    400: { description: 'Bad parameter.', schema: errorBody },
    404: { description: 'from or to is not an entity.', schema: errorBody },
  },
});
