import { z } from 'zod';
import { entityId, errorBody } from './common.js';
import { writeResult } from './resolution.js';
import { defineRoute } from './route.js';

export const changeOps = [
  'import',
  'publish',
  'discard',
  'merge',
  'split',
  'not-same',
  'edit',
  'story',
  'undo',
  'redo',
] as const;

export const change = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    at: z.string().meta({ description: 'When, ISO-8601.' }),
    op: z.string().meta({ example: 'merge' }),
    author: z.string().meta({ description: '"local" on loopback, the token’s name when exposed.' }),
    summary: z.string(),
    subjects: z.array(z.string()),
    before: z.unknown(),
    after: z.unknown(),
    undone: z.boolean(),
    undoable: z.boolean().meta({ description: 'Whether the log holds what reverses it.' }),
  })
  .meta({ id: 'Change' });
export type ChangeT = z.infer<typeof change>;

export const historyQuery = z.object({
  entity: entityId.optional().meta({ description: 'Only the changes that touched this entity.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const historyResponse = z
  .object({
    changes: z.array(change).meta({ description: 'Newest first.' }),
    undo: z.string().nullable().meta({ description: 'What undo would reverse now, or null.' }),
    redo: z.string().nullable().meta({ description: 'What redo would re-apply now, or null.' }),
  })
  .meta({ id: 'History' });
export type HistoryResponseT = z.infer<typeof historyResponse>;

const stepErrors = {
  401: { description: 'A token is required (the server is exposed beyond loopback).', schema: errorBody },
  403: { description: 'Writes are off (exposed without a token) or from another origin.', schema: errorBody },
  409: {
    description: 'Nothing to undo or redo, or what it would reverse changed since (the message says what).',
    schema: errorBody,
  },
};

export const historyRoute = defineRoute({
  method: 'get',
  path: '/history',
  operationId: 'getHistory',
  tag: 'history',
  summary: 'The append-only log of writes, for the graph or one entity',
  query: historyQuery,
  responses: {
    200: { description: 'The latest changes.', schema: historyResponse },
    400: { description: 'Bad parameter.', schema: errorBody },
  },
});

export const undoRoute = defineRoute({
  method: 'post',
  path: '/history/undo',
  operationId: 'undo',
  tag: 'history',
  summary: 'Undo the last write that has not been undone',
  responses: { 200: { description: 'Undone.', schema: writeResult }, ...stepErrors },
});

export const redoRoute = defineRoute({
  method: 'post',
  path: '/history/redo',
  operationId: 'redo',
  tag: 'history',
  summary: 'Redo the last undone write (until a new write is made)',
  responses: { 200: { description: 'Redone.', schema: writeResult }, ...stepErrors },
});
