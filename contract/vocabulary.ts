import { z } from 'zod';
import { entityKind, stance } from './common.js';
import { defineRoute } from './route.js';

export const vocabularyResponse = z
  .object({
    kinds: z.array(z.object({ kind: entityKind, count: z.number().int() })),
    relationshipTypes: z.array(
      z.object({ type: z.string(), description: z.string().nullable(), count: z.number().int() }),
    ),
    stances: z.array(z.object({ stance, count: z.number().int() })),
    asserters: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
    years: z.object({ min: z.string().nullable(), max: z.string().nullable() }),
  })
  .meta({ id: 'VocabularyResponse' });
export type VocabularyResponseT = z.infer<typeof vocabularyResponse>;

export const vocabularyRoute = defineRoute({
  method: 'get',
  path: '/vocabulary',
  operationId: 'getVocabulary',
  tag: 'graph',
  summary:
    'Kinds, relationship types, stances and asserters present in the graph, with counts (for filters and legends)',
  responses: { 200: { description: 'The vocabulary in use.', schema: vocabularyResponse } },
});
