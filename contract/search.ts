import { z } from 'zod';
import { csv, entityKind, errorBody } from './common.js';
import { defineRoute } from './route.js';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  types: csv(entityKind).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const searchResult = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: entityKind,
    types: z.array(z.string()),
    aliases: z.array(z.string()),
    score: z.number().meta({
      description:
        'Relevance from the full-text index. Results come exact name or alias matches first, then names or aliases that begin with the query, then by this score.',
    }),
    matched: z
      .string()
      .nullable()
      .meta({ description: 'The name or alias that matched, when not the name.' }),
  })
  .meta({ id: 'SearchResult' });
export type SearchResultT = z.infer<typeof searchResult>;

export const searchResponse = z.object({ results: z.array(searchResult) }).meta({ id: 'SearchResponse' });
export type SearchResponseT = z.infer<typeof searchResponse>;

export const searchRoute = defineRoute({
  method: 'get',
  path: '/search',
  operationId: 'search',
  tag: 'search',
  summary: 'Find entities by name or alias',
  description:
    'Full-text over names and aliases: case- and accent-insensitive, prefix ("chen q") and typo ("leibld") tolerant, exact name matches first. Lucene syntax in q is treated as text.',
  query: searchQuery,
  responses: {
    200: { description: 'Matches, best first.', schema: searchResponse },
    400: { description: 'Bad query.', schema: errorBody },
  },
});
