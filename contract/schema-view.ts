import { z } from 'zod';
import { entityKind, errorBody } from './common.js';
import { defineRoute } from './route.js';

export const schemaView = z
  .object({
    kinds: z
      .array(z.object({ kind: entityKind, count: z.number().int() }))
      .meta({ description: 'Every entity kind of the model, with how many entities have it (0 included).' }),
    relationships: z
      .array(
        z.object({
          type: z.string().meta({ example: 'APPOINTED_TO' }),
          from: entityKind.meta({ description: 'Kind of the start entity.' }),
          to: entityKind.meta({ description: 'Kind of the end entity.' }),
          count: z.number().int(),
        }),
      )
      .meta({
        description:
          'Each relationship type once per pair of kinds it joins, in its direction, with how many relationships do. Mentions (MENTIONED_IN) are not relationships between entities and are left out.',
      }),
  })
  .meta({ id: 'SchemaView' });
export type SchemaViewT = z.infer<typeof schemaView>;

export const schemaViewRoute = defineRoute({
  method: 'get',
  path: '/schema',
  operationId: 'getSchemaView',
  tag: 'graph',
  summary:
    'How the kinds of entities connect: each relationship type between each pair of kinds, with counts',
  responses: {
    200: { description: 'The kinds and how they connect.', schema: schemaView },
    503: { description: 'DATABASE_UNAVAILABLE: the database is unreachable.', schema: errorBody },
  },
});
