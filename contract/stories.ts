import { z } from 'zod';
import { dateBound, entityId, errorBody } from './common.js';
import { evidence } from './graph.js';
import { defineRoute } from './route.js';
import { ID_PATTERN } from '../model/index.js';

export const storyLayouts = ['fcose', 'concentric', 'breadthfirst', 'preset'] as const;

/** No source comes near a billion UTF-16 units; beyond Neo4j's 32-bit integers `substring` fails. */
export const maxSourceOffset = 1_000_000_000;

/**
 * A quote as a story step holds it: offsets in range and in order, and text as long as the span
 * they give. That the text is verbatim at those offsets is checked against the source on write.
 */
export const storyQuote = evidence
  .extend({
    sourceId: z.string().min(1, 'must not be empty').max(200),
    start: z
      .number()
      .int()
      .min(0)
      .max(maxSourceOffset)
      .meta({ description: 'UTF-16 offset into the source text, inclusive.' }),
    end: z
      .number()
      .int()
      .min(1)
      .max(maxSourceOffset)
      .meta({ description: 'UTF-16 offset into the source text, exclusive.' }),
    quote: z
      .string()
      .min(1, 'must not be empty')
      .max(10_000)
      .meta({ description: 'The verbatim text of the source at [start, end).' }),
  })
  .superRefine((q, ctx) => {
    if (q.end <= q.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `must be greater than start (${q.start}), got ${q.end}`,
      });
    } else if (q.quote.length !== q.end - q.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['quote'],
        message: `must be exactly end - start = ${q.end - q.start} characters long, got ${q.quote.length}`,
      });
    }
  });

export const storyStep = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200),
    caption: z.string().trim().max(2_000).default(''),
    nodeIds: z.array(entityId).min(1, 'must show at least one entity').max(500),
    edgeIds: z.array(z.string().min(1).max(300)).max(1_000).default([]),
    focusId: entityId.nullable().default(null).meta({ description: 'The entity to centre on.' }),
    layout: z.enum(storyLayouts).default('fcose'),
    camera: z
      .object({ zoom: z.number().positive().max(100), pan: z.object({ x: z.number(), y: z.number() }) })
      .nullable()
      .default(null),
    quote: storyQuote
      .nullable()
      .default(null)
      .meta({ description: 'A verbatim quote from a source, at its offsets.' }),
    linkId: z
      .string()
      .min(1)
      .max(300)
      .nullable()
      .default(null)
      .meta({ description: 'The link shown selected, with its label, when the step was recorded.' }),
    pathEdgeIds: z
      .array(z.string().min(1).max(300))
      .max(1_000)
      .default([])
      .meta({ description: 'The links drawn as the highlighted path when the step was recorded.' }),
    positions: z
      .record(entityId, z.object({ x: z.number(), y: z.number() }))
      .nullable()
      .default(null)
      .meta({ description: 'Where each entity stood, so the step replays as it was drawn.' }),
    view: z.enum(['graph', 'map']).optional().meta({
      description: 'map: the step shows the map of its places beside the graph. Absent: the graph.',
    }),
    until: dateBound.nullable().optional().meta({
      description:
        "The timeline's playhead for the step: what was known or happening by the end of this year, month or day.",
    }),
  })
  .meta({ id: 'StoryStep' });
export type StoryStepT = z.output<typeof storyStep>;

export const storyInput = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200),
    description: z.string().trim().max(5_000).default(''),
    steps: z.array(storyStep).max(200).default([]),
  })
  .meta({ id: 'StoryInput' });
export type StoryInputT = z.input<typeof storyInput>;

export const storyUpdate = storyInput
  .extend({ version: z.number().int().min(1).meta({ description: 'The version this edit is based on.' }) })
  .meta({ id: 'StoryUpdate' });

export const story = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    steps: z.array(storyStep),
  })
  .meta({ id: 'Story' });
export type StoryT = z.output<typeof story>;

export const storySummary = story
  .omit({ steps: true })
  .extend({ stepCount: z.number().int() })
  .meta({ id: 'StorySummary' });

export const storiesResponse = z.object({ stories: z.array(storySummary) }).meta({ id: 'StoriesResponse' });

const storyParams = z.object({
  id: z.string().regex(ID_PATTERN, 'must be a story id').max(120),
});

const writeErrors = {
  400: { description: 'Invalid story: the message names the step and field.', schema: errorBody },
  401: { description: 'A token is required (the server is exposed beyond loopback).', schema: errorBody },
  403: { description: 'Built-in stories cannot be changed; duplicate them instead.', schema: errorBody },
};

const bodyTooLarge = {
  413: { description: 'The request body is larger than the 100 kB limit.', schema: errorBody },
};

export const listStoriesRoute = defineRoute({
  method: 'get',
  path: '/stories',
  operationId: 'listStories',
  tag: 'stories',
  summary: 'Guided stories, built-in first',
  responses: { 200: { description: 'All stories without their steps.', schema: storiesResponse } },
});

export const getStoryRoute = defineRoute({
  method: 'get',
  path: '/stories/:id',
  operationId: 'getStory',
  tag: 'stories',
  summary: 'A story with its steps (also its JSON export)',
  params: storyParams,
  responses: {
    200: { description: 'The story.', schema: story },
    400: { description: 'Malformed id.', schema: errorBody },
    404: { description: 'No story has this id.', schema: errorBody },
  },
});

export const createStoryRoute = defineRoute({
  method: 'post',
  path: '/stories',
  operationId: 'createStory',
  tag: 'stories',
  summary: 'Create a story, or import one from its JSON export',
  description:
    'Every node and edge id must exist in the graph and every quote must be verbatim in its source.',
  body: storyInput,
  responses: { 201: { description: 'The created story.', schema: story }, ...writeErrors, ...bodyTooLarge },
});

export const updateStoryRoute = defineRoute({
  method: 'put',
  path: '/stories/:id',
  operationId: 'updateStory',
  tag: 'stories',
  summary: 'Replace a story (title, description and steps in their new order)',
  params: storyParams,
  body: storyUpdate,
  responses: {
    200: { description: 'The updated story, with its version increased.', schema: story },
    ...writeErrors,
    ...bodyTooLarge,
    404: { description: 'No story has this id.', schema: errorBody },
    409: { description: 'The story changed since `version`; reload it.', schema: errorBody },
  },
});

export const deleteStoryRoute = defineRoute({
  method: 'delete',
  path: '/stories/:id',
  operationId: 'deleteStory',
  tag: 'stories',
  summary: 'Delete a story',
  params: storyParams,
  responses: {
    200: { description: 'Deleted.', schema: z.object({ deleted: z.string() }) },
    ...writeErrors,
    404: { description: 'No story has this id.', schema: errorBody },
  },
});
