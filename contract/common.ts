import { z } from 'zod';
import { datePrecisions, entityKinds, stances } from './vocabulary-lists.js';
import { ID_PATTERN, MAX_ID_LENGTH, RELATIONSHIP_TYPE_PATTERN } from '../model/index.js';

export { datePrecisions, entityKinds, stances };

/**
 * The one schema module: every request and response of the API is a zod schema here (one file per
 * domain). Request validation, the TypeScript types shared by server, client and tests, and the
 * OpenAPI 3.1 document (openapi.ts) all come from these definitions.
 */

export const errorBody = z
  .object({
    error: z
      .object({
        code: z.string().meta({ example: 'BAD_REQUEST' }),
        message: z.string().meta({ example: "limit: must be at most 200, got '5000'" }),
        field: z.string().optional().meta({ description: 'The request field that was wrong, for 400s.' }),
      })
      .loose(),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBodyT = z.infer<typeof errorBody>;

export const entityId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(ID_PATTERN, 'must be an entity id such as chen-quanguo')
  .meta({ example: 'chen-quanguo' });

export const entityKind = z.enum(entityKinds);
export type EntityKind = z.infer<typeof entityKind>;

export const stance = z.enum(stances);
export type Stance = z.infer<typeof stance>;

/** Relationship types are a closed vocabulary defined by the dataset; the server checks them at run time. */
export const relationshipType = z
  .string()
  .regex(RELATIONSHIP_TYPE_PATTERN, 'must be a relationship type such as APPOINTED_TO')
  .meta({ example: 'APPOINTED_TO' });

/** Query strings carry lists as comma-separated values (`types=Person,Event`). */
export function csv<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item).max(50));
}

export const datePrecision = z.enum(datePrecisions);
export const dateRange = z
  .object({
    start: z.string().meta({ example: '2017' }),
    end: z.string().nullable().meta({ example: '2018' }),
    precision: datePrecision,
  })
  .meta({ id: 'DateRange', description: 'ISO-8601 prefixes; a year is the whole year, not its first day.' });
export type DateRangeT = z.infer<typeof dateRange>;

/** A date filter bound: a year, a month or a day (2014, 2016-08, 2019-11-24). */
export const dateBound = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date like 2014, 2016-08 or 2019-11-24');
