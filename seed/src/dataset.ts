// The dataset file format (YAML), as a zod schema. Shape only: everything that needs more than one
// record or the source texts (dangling ids, verbatim quotes, real dates) is checked in validate.ts.
import { z } from 'zod';
import {
  datePrecisions,
  entityKinds,
  ID_PATTERN,
  qualifiers,
  RELATIONSHIP_TYPE_PATTERN,
  stances,
} from '../../model/index.js';

export const FORMAT_VERSION = 'trove-dataset/1';

// The vocabulary that the API contract publishes is the one the dataset may use: one list each.
export const ENTITY_KINDS = entityKinds;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const STANCES = stances;
export type Stance = (typeof STANCES)[number];

export const PRECISIONS = datePrecisions;
export type Precision = (typeof PRECISIONS)[number];

export const QUALIFIERS = qualifiers;
export type Qualifier = (typeof QUALIFIERS)[number];

export { ID_PATTERN, RELATIONSHIP_TYPE_PATTERN };
// Number names become property names next to the entity's own fields, so they must not shadow them.
export const NUMBER_NAME_PATTERN = /^[a-z][a-zA-Z0-9]*$/;
export const RESERVED_PROPERTY_NAMES = new Set([
  'id',
  'kind',
  'name',
  'aliases',
  'backgroundAliases',
  'description',
  'role',
  'dateStart',
  'dateEnd',
  'datePrecision',
  'official',
]);

const id = z.string().regex(ID_PATTERN, 'must be a lowercase slug such as "chen-quanguo"');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
// Offsets are array indexes into a JS string; YAML gives plain integers.
const offset = z.number().int('must be an integer').nonnegative('must not be negative');
// A bare year is the natural thing to type in YAML and parses as a number; accept it as its text.
const datePart = z.union([z.string(), z.number().int()]).transform(String);

export const dateSchema = z.strictObject({
  start: datePart,
  end: datePart.optional(),
  precision: z.enum(PRECISIONS),
});
export type DatasetDate = z.infer<typeof dateSchema>;

export const quoteRefSchema = z.strictObject({
  source: id,
  quote: z.string().min(1, 'must not be empty'),
  start: offset,
  end: offset,
});
export type QuoteRef = z.infer<typeof quoteRefSchema>;

export const sourceSchema = z.strictObject({
  id,
  // Relative to the dataset file, so a dataset and its sources move together.
  path: nonEmpty,
  title: nonEmpty,
  publisher: nonEmpty,
  // Anything a reader should know about where the text comes from (e.g. why the publisher is unknown).
  note: nonEmpty.optional(),
  date: dateSchema.optional(),
  url: z.url().optional(),
  contentHash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 lowercase hex digits'),
  // Spans that are not part of the work itself (site navigation, comment boilerplate): names found
  // there are not highlighted as mentions.
  excludeFromMentions: z
    .array(z.strictObject({ start: offset, end: offset, reason: nonEmpty }))
    .optional()
    .default([]),
});
export type DatasetSource = z.infer<typeof sourceSchema>;

export const relationshipTypeSchema = z.strictObject({
  description: nonEmpty,
  from: z.array(z.enum(ENTITY_KINDS)).min(1).optional(),
  to: z.array(z.enum(ENTITY_KINDS)).min(1).optional(),
});
export type RelationshipTypeDef = z.infer<typeof relationshipTypeSchema>;

export const numberSchema = z.strictObject({
  value: z.number().nonnegative().finite(),
  qualifier: z.enum(QUALIFIERS),
});
export type DatasetNumber = z.infer<typeof numberSchema>;

export const entitySchema = z.strictObject({
  id,
  kind: z.enum(ENTITY_KINDS),
  name: nonEmpty,
  official: z.boolean().optional(),
  // Spellings found in at least one source; matched automatically as mentions.
  aliases: z.array(nonEmpty).optional().default([]),
  // Spellings and scripts not in any source (background knowledge, for search only; never matched).
  backgroundAliases: z.array(nonEmpty).optional().default([]),
  description: nonEmpty,
  role: nonEmpty.optional(),
  date: dateSchema.optional(),
  numbers: z.record(z.string(), numberSchema).optional().default({}),
  // Required when no source mentions the entity by name, alias or curated mention.
  noMentionReason: nonEmpty.optional(),
});
export type DatasetEntity = z.infer<typeof entitySchema>;

export const attributionSchema = z.strictObject({
  // One asserter or several ("rights groups and foreign media have reported ...").
  by: z.union([id, z.array(id).min(1)]).transform((by) => (typeof by === 'string' ? [by] : by)),
  stance: z.enum(STANCES),
});
export type Attribution = z.infer<typeof attributionSchema>;

export const relationshipSchema = z.strictObject({
  id,
  type: z.string(),
  from: id,
  to: id,
  description: nonEmpty,
  evidence: z.array(quoteRefSchema).min(1, 'missing evidence: at least one quote is required'),
  // Absent when the source states the relationship in its own voice.
  attribution: attributionSchema.optional(),
  date: dateSchema.optional(),
});
export type DatasetRelationship = z.infer<typeof relationshipSchema>;

export const mentionSchema = z.strictObject({
  entity: id,
  source: id,
  quote: z.string().min(1, 'must not be empty'),
  start: offset,
  end: offset,
  note: nonEmpty.optional(),
});
export type CuratedMention = z.infer<typeof mentionSchema>;

export const datasetSchema = z.strictObject({
  format: z.literal(FORMAT_VERSION, { error: `must be "${FORMAT_VERSION}"` }),
  description: nonEmpty.optional(),
  sources: z.array(sourceSchema).min(1, 'a dataset needs at least one source'),
  vocabulary: z.strictObject({
    relationshipTypes: z.record(z.string(), relationshipTypeSchema),
  }),
  entities: z.array(entitySchema),
  relationships: z.array(relationshipSchema).optional().default([]),
  mentions: z.array(mentionSchema).optional().default([]),
});
export type DatasetFile = z.infer<typeof datasetSchema>;
