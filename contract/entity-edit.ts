import { z } from 'zod';
import { dateBound, datePrecision, entityKind, errorBody } from './common.js';
import { entityParams, entityResponse } from './entities.js';
import { defineRoute } from './route.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const entityEdit = z
  .object({
    version: z.number().int().min(0).meta({ description: 'The entity’s version this edit is based on.' }),
    name: text(300).optional(),
    aliases: z.array(text(300)).max(200).optional(),
    kind: entityKind.optional(),
    description: z.string().trim().max(5_000).nullable().optional(),
    role: z.string().trim().max(300).nullable().optional(),
    dateStart: dateBound.nullable().optional(),
    dateEnd: dateBound.nullable().optional(),
    datePrecision: datePrecision.nullable().optional(),
  })
  .strict()
  .meta({ id: 'EntityEdit' });
export type EntityEditT = z.infer<typeof entityEdit>;

export const editEntityRoute = defineRoute({
  method: 'patch',
  path: '/entities/:id',
  operationId: 'editEntity',
  tag: 'entities',
  summary: 'Edit an entity’s name, aliases, kind, description, role or dates (logged, undoable)',
  description:
    'Fields left out stay as they are; null clears one. A stale `version` is a 409 naming what changed.',
  params: entityParams,
  body: entityEdit,
  responses: {
    200: { description: 'The entity after the edit.', schema: entityResponse },
    400: { description: 'Bad body: the message names the field.', schema: errorBody },
    401: { description: 'A token is required (the server is exposed beyond loopback).', schema: errorBody },
    403: {
      description: 'Writes are off (exposed without a token) or from another origin.',
      schema: errorBody,
    },
    404: { description: 'No entity has this id.', schema: errorBody },
    409: {
      description: 'The entity changed since `version`; the message says what changed.',
      schema: errorBody,
    },
    413: { description: 'The request body is larger than the 100 kB limit.', schema: errorBody },
  },
});
