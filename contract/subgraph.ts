import { z } from 'zod';
import { csv, dateBound, entityId, entityKind, errorBody, relationshipType, stance } from './common.js';
import { graphPayload } from './graph.js';
import { defineRoute } from './route.js';

/** Filters shared by GET /graph and GET /export. */
export const graphFilters = z.object({
  types: csv(entityKind).optional().meta({ description: 'Entity kinds to keep, comma-separated.' }),
  rels: csv(relationshipType)
    .optional()
    .meta({ description: 'Relationship types to keep, comma-separated.' }),
  stance: csv(stance).optional().meta({ description: 'Stances to keep, comma-separated.' }),
  by: csv(entityId).optional().meta({ description: 'Keep links asserted by these entities (ids).' }),
  contested: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({
      description: 'true: only links whose claims disagree in stance; false: only links whose claims agree.',
    }),
  minSources: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: 'Keep links that at least this many distinct sources support.' }),
  from: dateBound
    .optional()
    .meta({ description: 'Keep dated links and events that end on or after this date.' }),
  to: dateBound
    .optional()
    .meta({ description: 'Keep dated links and events that start on or before this date.' }),
});
export type GraphFiltersT = z.output<typeof graphFilters>;

export const graphRoute = defineRoute({
  method: 'get',
  path: '/graph',
  operationId: 'getGraph',
  tag: 'graph',
  summary: 'The whole graph or a filtered part of it',
  query: graphFilters,
  responses: {
    200: { description: 'The matching nodes and edges.', schema: graphPayload },
    400: { description: 'Bad filter.', schema: errorBody },
  },
});
