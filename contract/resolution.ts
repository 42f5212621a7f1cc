import { z } from 'zod';
import { entityId, entityKind, errorBody } from './common.js';
import { defineRoute } from './route.js';
import { ID_PATTERN } from '../model/index.js';

export const suggestionQuote = z
  .object({
    sourceId: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    quote: z.string().meta({ description: 'The sentence of the source, verbatim at [start, end).' }),
    mentionStart: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Where the name is, inside the quote’s span.' }),
    mentionEnd: z.number().int().nullable(),
  })
  .meta({ id: 'SuggestionQuote' });

export const suggestionSide = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: entityKind,
    aliases: z.array(z.string()),
    mentionCount: z.number().int().meta({ description: 'Mentions of the entity in all sources.' }),
    quotes: z
      .array(suggestionQuote)
      .meta({ description: 'Where the sources name it: its first mentions, then quotes of its claims.' }),
  })
  .meta({ id: 'SuggestionSide' });

export const suggestion = z
  .object({
    a: suggestionSide,
    b: suggestionSide,
    score: z.number().min(0).max(1).meta({ description: 'How likely the two are one entity, 0..1.' }),
    reasons: z.array(z.string()).meta({
      description:
        'Why: name reasons (same name after folding, spelling variant, sounds alike, one name inside the other, shared words, same kind), shared neighbours, named in the same sentence.',
    }),
    names: z
      .tuple([z.string(), z.string()])
      .meta({ description: 'The two names (or aliases) that matched best.' }),
    sharedNeighbours: z.array(z.object({ id: z.string(), name: z.string() })),
    sameSentence: z
      .number()
      .int()
      .meta({ description: 'Sentences that name both: often two different things named side by side.' }),
  })
  .meta({ id: 'MergeSuggestion' });
export type SuggestionT = z.infer<typeof suggestion>;

export const suggestionsQuery = z.object({
  source: z
    .string()
    .max(200)
    .regex(ID_PATTERN, 'must be a source id')
    .optional()
    .meta({ description: 'Only pairs with at least one side named in this source.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  minScore: z.coerce.number().min(0).max(1).default(0.85),
});

export const suggestionsResponse = z
  .object({
    suggestions: z.array(suggestion),
    entities: z.number().int().meta({ description: 'Entities considered.' }),
    compared: z.number().int().meta({ description: 'Pairs compared after blocking.' }),
  })
  .meta({ id: 'MergeSuggestions' });
export type SuggestionsResponseT = z.infer<typeof suggestionsResponse>;

export const changeRef = z
  .object({ id: z.string(), seq: z.number().int(), at: z.string() })
  .meta({ id: 'ChangeRef' });

export const writeResult = z
  .object({
    change: changeRef,
    summary: z.string(),
    subjects: z.array(z.string()).meta({ description: 'The entities the write touched.' }),
  })
  .meta({ id: 'WriteResult' });
export type WriteResultT = z.infer<typeof writeResult>;

export const mergeBody = z
  .object({
    survivor: entityId.meta({ description: 'The entity that stays.' }),
    merged: entityId.meta({
      description: 'The entity merged into it; its id keeps resolving to the survivor.',
    }),
  })
  .meta({ id: 'MergeRequest' });

export const splitBody = z
  .object({ merged: entityId.meta({ description: 'The id of an entity merged earlier.' }) })
  .meta({ id: 'SplitRequest' });

export const notSameBody = z.object({ a: entityId, b: entityId }).meta({ id: 'NotSameRequest' });

const writeErrors = {
  400: { description: 'Bad body: the message names the field.', schema: errorBody },
  401: { description: 'A token is required (the server is exposed beyond loopback).', schema: errorBody },
  403: { description: 'Writes are off (exposed without a token) or from another origin.', schema: errorBody },
  404: { description: 'No entity has this id.', schema: errorBody },
  409: { description: 'The entities changed meanwhile (already merged, split).', schema: errorBody },
  413: { description: 'The request body is larger than the 100 kB limit.', schema: errorBody },
};

export const suggestionsRoute = defineRoute({
  method: 'get',
  path: '/resolution/suggestions',
  operationId: 'listMergeSuggestions',
  tag: 'resolution',
  summary: 'Pairs of entities that may be one, ranked, with their reasons and both sides’ quotes',
  query: suggestionsQuery,
  responses: {
    200: { description: 'The best pairs first.', schema: suggestionsResponse },
    400: { description: 'Bad parameter.', schema: errorBody },
    404: { description: 'No source has this id.', schema: errorBody },
  },
});

export const mergeRoute = defineRoute({
  method: 'post',
  path: '/resolution/merge',
  operationId: 'mergeEntities',
  tag: 'resolution',
  summary: 'Merge one entity into another, keeping every alias, mention, claim and story reference',
  body: mergeBody,
  responses: {
    200: { description: 'Merged; undo or split reverses it.', schema: writeResult },
    ...writeErrors,
  },
});

export const splitRoute = defineRoute({
  method: 'post',
  path: '/resolution/split',
  operationId: 'splitEntity',
  tag: 'resolution',
  summary: 'Split a merged entity off again, exactly as it was, keeping edits made since',
  body: splitBody,
  responses: { 200: { description: 'Split.', schema: writeResult }, ...writeErrors },
});

export const notSameRoute = defineRoute({
  method: 'post',
  path: '/resolution/not-same',
  operationId: 'markNotSame',
  tag: 'resolution',
  summary: 'Record that two entities are not the same, so they are not suggested again',
  body: notSameBody,
  responses: { 200: { description: 'Recorded.', schema: writeResult }, ...writeErrors },
});
