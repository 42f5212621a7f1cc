import { z } from 'zod';
import { csv, entityId, entityKind, errorBody, relationshipType } from './common.js';
import { graphEdge, graphNode, graphPayload } from './graph.js';
import { defineRoute } from './route.js';
import { BOUNDS, QUOTED_LINKS } from '../model/index.js';

export const mention = z
  .object({
    sourceId: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    quote: z.string(),
    curated: z.boolean(),
  })
  .meta({ id: 'Mention' });
export type MentionT = z.infer<typeof mention>;

export const mentionSource = z
  .object({
    sourceId: z.string(),
    title: z.string(),
    publisher: z.string().nullable(),
    date: z.string().nullable(),
    count: z.number().int().meta({ description: 'Mentions of the entity in this source.' }),
  })
  .meta({ id: 'MentionSource' });
export type MentionSourceT = z.infer<typeof mentionSource>;

export const fieldAlternative = z
  .object({
    field: z.string().meta({ example: 'description' }),
    value: z.unknown(),
    sourceId: z.string().meta({ description: 'The first source of the dataset that gave this value.' }),
  })
  .meta({ id: 'FieldAlternative' });

export { QUOTED_LINKS };

export const entityResponse = z
  .object({
    entity: graphNode,
    mentions: z.array(mention),
    mentionSources: z.array(mentionSource).meta({
      description:
        '"Mentioned N times in M sources": the sources that mention the entity, by title, with counts.',
    }),
    fieldSources: z.record(z.string(), z.string()).meta({
      description: 'Which source (dataset) set each field: {"description": "no-mercy-in-xinjiang"}.',
    }),
    alternatives: z.array(fieldAlternative).meta({
      description: 'Values another dataset gave for a field, kept beside the stored one instead of over it.',
    }),
    relationships: z.array(graphEdge).meta({
      description: `Every link of the entity, ordered by type, start id and end id. The first ${QUOTED_LINKS} carry their claims (\`evidence\`, each quote naming its source and asserters); the others are summaries with \`evidence\` empty (sourceCount, asserterCount and contested still say how well each is supported), whose claims GET /api/entities/{id}/links/{linkId} answers when a person opens one. A hub has thousands of links, and their quotes were most of the time and bytes of the answer.`,
    }),
    neighbors: z.array(graphNode).meta({ description: 'The other ends of `relationships`.' }),
    version: z
      .number()
      .int()
      .meta({ description: 'Counts edits and merges; an edit sends the version it is based on.' }),
  })
  .meta({ id: 'EntityResponse' });
export type EntityResponseT = z.infer<typeof entityResponse>;

export const entityParams = z.object({ id: entityId });

export const entityRoute = defineRoute({
  method: 'get',
  path: '/entities/:id',
  operationId: 'getEntity',
  tag: 'entities',
  summary: 'An entity with its mentions in the sources and its relationships with evidence',
  params: entityParams,
  responses: {
    200: { description: 'The entity.', schema: entityResponse },
    400: { description: 'Malformed id.', schema: errorBody },
    404: { description: 'No entity has this id.', schema: errorBody },
  },
});

export const linkParams = z.object({
  id: entityId,
  linkId: entityId.meta({
    description: 'The id of a link of the entity.',
    example: 'chen-quanguo-appointed-to-xinjiang',
  }),
});

export const linkRoute = defineRoute({
  method: 'get',
  path: '/entities/:id/links/:linkId',
  operationId: 'getLink',
  tag: 'entities',
  summary: 'One link of an entity with all its claims, each naming its source and who asserts it',
  description:
    'What the page asks for when a person opens a link that came as a summary (from a neighbourhood, or past the quoted links of an entity).',
  params: linkParams,
  responses: {
    200: { description: 'The link with its claims.', schema: graphEdge },
    400: { description: 'Malformed entity or link id.', schema: errorBody },
    404: { description: 'No entity has this id, or it has no link with this id.', schema: errorBody },
  },
});

export const neighborsQuery = z.object({
  depth: z.coerce
    .number()
    .int()
    .min(BOUNDS.neighbourDepth.min)
    .max(BOUNDS.neighbourDepth.max)
    .default(BOUNDS.neighbourDepth.default),
  limit: z.coerce
    .number()
    .int()
    .min(BOUNDS.neighbourLimit.min)
    .max(BOUNDS.neighbourLimit.max)
    .default(BOUNDS.neighbourLimit.default),
  types: csv(entityKind)
    .optional()
    .meta({ description: 'Kinds of neighbours to return; the walk to them may pass through other kinds.' }),
  rels: csv(relationshipType).optional().meta({
    description: 'Relationship types to walk and to show, comma-separated; unknown types are a 400.',
  }),
});

export const neighborsResponse = graphPayload
  .extend({
    total: z.number().int().meta({ description: 'How many neighbours match in all, before the limit.' }),
    truncated: z.boolean(),
  })
  .meta({
    id: 'NeighborsResponse',
    description:
      'Links come as summaries: `evidence` is empty (sourceCount, asserterCount and contested still say how well each is supported); the claims of a link come from GET /api/entities/{id}/links/{linkId}. At depth 1 every link among the returned nodes is there; deeper, the links among the outermost ring (both ends `depth` hops away) are left out, so every link shown is one a walk from the entity crosses.',
  });
export type NeighborsResponseT = z.infer<typeof neighborsResponse>;

export const neighborsRoute = defineRoute({
  method: 'get',
  path: '/entities/:id/neighbors',
  operationId: 'getNeighbors',
  tag: 'entities',
  summary: 'The neighbourhood of an entity as a graph payload, nearest first, with a total',
  params: entityParams,
  query: neighborsQuery,
  responses: {
    200: {
      description: 'The entity, up to `limit` neighbours within `depth` hops, and the links between them.',
      schema: neighborsResponse,
    },
    400: { description: 'Bad parameter.', schema: errorBody },
    404: { description: 'No entity has this id.', schema: errorBody },
  },
});
