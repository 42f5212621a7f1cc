import { z } from 'zod';
import { entityKind, errorBody } from './common.js';
import { defineRoute } from './route.js';

export const sourceSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: z.string().nullable(),
    date: z.string().nullable(),
    url: z.string().nullable(),
    note: z
      .string()
      .nullable()
      .meta({ description: 'What a reader should know about where the text comes from.' }),
    contentHash: z.string(),
    length: z.number().int(),
  })
  .meta({ id: 'SourceSummary' });

export const sourceMention = z
  .object({
    entityId: z.string(),
    name: z.string(),
    kind: entityKind,
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    curated: z.boolean(),
  })
  .meta({ id: 'SourceMention' });
export type SourceMentionT = z.infer<typeof sourceMention>;

export const sourcesResponse = z.object({ sources: z.array(sourceSummary) }).meta({ id: 'SourcesResponse' });
export const sourceResponse = z
  .object({
    source: sourceSummary.extend({ text: z.string() }),
    mentions: z.array(sourceMention).meta({ description: 'Ordered by start offset.' }),
  })
  .meta({ id: 'SourceResponse' });
export type SourceResponseT = z.infer<typeof sourceResponse>;

export const sourcesRoute = defineRoute({
  method: 'get',
  path: '/sources',
  operationId: 'listSources',
  tag: 'sources',
  summary: 'The sources of the graph',
  responses: { 200: { description: 'All sources.', schema: sourcesResponse } },
});

export const sourceRoute = defineRoute({
  method: 'get',
  path: '/sources/:id',
  operationId: 'getSource',
  tag: 'sources',
  summary: 'A source text with the spans of every entity mention',
  params: z.object({ id: z.string().min(1).max(200) }),
  responses: {
    200: { description: 'The source.', schema: sourceResponse },
    400: { description: 'Malformed id.', schema: errorBody },
    404: { description: 'No source has this id.', schema: errorBody },
  },
});
