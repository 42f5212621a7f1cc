// The dataset file format (YAML), as a zod schema. Shape only: everything that needs more than one
// record or the source texts (dangling ids, verbatim quotes, real dates) is checked in validate.ts.
import { z } from 'zod';
import {
  datePrecisions,
  ENTITY_FIELDS,
  entityKinds,
  ID_PATTERN,
  locationPrecisions,
  qualifiers,
  RELATIONSHIP_TYPE_PATTERN,
  stances,
} from '../../model/index.js';

/** The version written by this code (claims); version 1 (evidence + attribution) is still read. */
export const FORMAT_VERSION = 'trove-dataset/2';
export const FORMAT_VERSIONS = ['trove-dataset/1', FORMAT_VERSION] as const;

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
export const RESERVED_PROPERTY_NAMES = new Set([...ENTITY_FIELDS, 'official']);

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

export const sourceSchema = z
  .strictObject({
    id,
    // Relative to the dataset file, so a dataset and its sources move together.
    path: nonEmpty.optional(),
    // Or the text itself, inline (an exported dataset is one self-contained file); its contentHash is
    // checked exactly like a file's: sha256 of the UTF-8 bytes.
    text: z.string().min(1, 'must not be empty').optional(),
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
  })
  .check((ctx) => {
    const source = ctx.value;
    if ((source.path === undefined) === (source.text === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: source,
        path: [source.path === undefined ? 'path' : 'text'],
        message: 'give exactly one of path (a file next to the dataset) and text (the source inline)',
      });
    }
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

/**
 * Where an entity is: a point (`lat`, `lon`) or a region or country the gazetteer knows by id or
 * name (`region: xinjiang`, `region: China`), with how precisely (`exact` | `city` | `region` |
 * `country`). Whether the region is known is checked in validate.ts.
 */
export const locationSchema = z
  .strictObject({
    lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90').optional(),
    lon: z
      .number()
      .min(-180, 'must be between -180 and 180')
      .max(180, 'must be between -180 and 180')
      .optional(),
    region: nonEmpty.optional(),
    precision: z.enum(locationPrecisions),
  })
  .check((ctx) => {
    const location = ctx.value;
    const point = location.lat !== undefined || location.lon !== undefined;
    if (point && location.region !== undefined) {
      ctx.issues.push({
        code: 'custom',
        input: location,
        path: ['region'],
        message: 'give either lat and lon (a point) or region, not both',
      });
    } else if (point && (location.lat === undefined || location.lon === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: location,
        path: [location.lat === undefined ? 'lat' : 'lon'],
        message: 'is required with a point (lat and lon)',
      });
    } else if (!point && location.region === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: location,
        path: ['region'],
        message: 'is required: give lat and lon (a point) or region (a region or country)',
      });
    }
  });
export type DatasetLocation = z.infer<typeof locationSchema>;

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
  location: locationSchema.optional(),
  numbers: z.record(z.string(), numberSchema).optional().default({}),
  // Required when no source mentions the entity by name, alias or curated mention.
  noMentionReason: nonEmpty.optional(),
  // Which source set each field, and the values other sources gave (model/ ENTITY_PROVENANCE), as
  // the dataset export writes them so that a reload keeps them; without it, every field this record
  // sets is attributed to the dataset's first source.
  provenance: z
    .strictObject({
      fieldSources: z.record(nonEmpty, id).optional().default({}),
      alternatives: z
        .array(z.strictObject({ field: nonEmpty, value: z.unknown(), source: id }))
        .optional()
        .default([]),
    })
    .optional(),
  // Ids of entities merged into this one (model/ ENTITY_RESOLUTION), as the dataset export writes
  // them: a dataset loaded later that still names one of them names this entity (merged-ids.ts).
  mergedIds: z.array(id).optional(),
});
export type DatasetEntity = z.infer<typeof entitySchema>;

export const attributionSchema = z.strictObject({
  // One asserter or several ("rights groups and foreign media have reported ...").
  by: z.union([id, z.array(id).min(1)]).transform((by) => (typeof by === 'string' ? [by] : by)),
  stance: z.enum(STANCES),
});
export type Attribution = z.infer<typeof attributionSchema>;

/** trove-dataset/2: one claim is one statement in one source, with who asserts it and how. */
export const claimSchema = z
  .strictObject({
    source: id,
    quote: z.string().min(1, 'must not be empty'),
    start: offset,
    end: offset,
    // Absent: the source states it in its own voice.
    by: z
      .union([id, z.array(id).min(1)])
      .transform((by) => (typeof by === 'string' ? [by] : by))
      .optional(),
    stance: z.enum(STANCES).optional(),
    date: dateSchema.optional(),
  })
  .check((ctx) => {
    const claim = ctx.value;
    if (claim.by !== undefined && claim.stance === undefined) {
      ctx.issues.push({ code: 'custom', input: claim, path: ['stance'], message: 'is required with by' });
    }
    if (claim.by === undefined && claim.stance !== undefined && claim.stance !== 'reported') {
      ctx.issues.push({
        code: 'custom',
        input: claim,
        path: ['stance'],
        message: `"${claim.stance}" needs by: a claim in the source's own voice is reported`,
      });
    }
  });

/** A claim as the loader sees it, whichever format version it came from. */
export interface DatasetClaim {
  source: string;
  quote: string;
  start: number;
  end: number;
  /** Who asserts it; empty when the source says it in its own voice. */
  by: string[];
  stance: Stance;
  date?: DatasetDate;
}

const relationshipInputSchema = z
  .strictObject({
    id,
    type: z.string(),
    from: id,
    to: id,
    description: nonEmpty,
    // trove-dataset/1: quotes and one attribution for all of them.
    evidence: z.array(quoteRefSchema).min(1, 'missing evidence: at least one quote is required').optional(),
    // Absent when the source states the relationship in its own voice.
    attribution: attributionSchema.optional(),
    // trove-dataset/2.
    claims: z.array(claimSchema).min(1, 'missing claims: at least one claim is required').optional(),
    date: dateSchema.optional(),
    // Ids of relationships a merge combined into this one (model/ REL_RESOLUTION), as exported.
    mergedIds: z.array(id).optional(),
  })
  .check((ctx) => {
    const rel = ctx.value;
    if (rel.claims === undefined && rel.evidence === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: rel,
        path: ['claims'],
        message: 'is required (evidence in trove-dataset/1)',
      });
    }
    if (rel.claims !== undefined && (rel.evidence !== undefined || rel.attribution !== undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: rel,
        path: [rel.evidence !== undefined ? 'evidence' : 'attribution'],
        message: 'cannot be combined with claims (each claim names its own asserter)',
      });
    }
  });

/** A relationship as the loader sees it: claims, whichever format version it came from. */
export interface DatasetRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  description: string;
  date?: DatasetDate;
  claims: DatasetClaim[];
  /** Ids of relationships a merge combined into this one. */
  mergedIds?: string[];
  /** Where the claims are in the file: `evidence` (format 1) or `claims` (format 2), for messages. */
  claimsField: 'evidence' | 'claims';
}

function toRelationship(rel: z.infer<typeof relationshipInputSchema>): DatasetRelationship {
  const { evidence, attribution, claims, ...rest } = rel;
  if (claims !== undefined) {
    return {
      ...rest,
      claimsField: 'claims',
      claims: claims.map(({ by, stance, ...claim }) => ({
        ...claim,
        by: by ?? [],
        stance: stance ?? 'reported',
      })),
    };
  }
  return {
    ...rest,
    claimsField: 'evidence',
    claims: (evidence ?? []).map((e) => ({
      source: e.source,
      quote: e.quote,
      start: e.start,
      end: e.end,
      by: attribution?.by ?? [],
      stance: attribution?.stance ?? 'reported',
    })),
  };
}

export const mentionSchema = z.strictObject({
  entity: id,
  source: id,
  quote: z.string().min(1, 'must not be empty'),
  start: offset,
  end: offset,
  note: nonEmpty.optional(),
});
export type CuratedMention = z.infer<typeof mentionSchema>;

export const datasetSchema = z
  .strictObject({
    format: z.enum(FORMAT_VERSIONS),
    description: nonEmpty.optional(),
    sources: z.array(sourceSchema).min(1, 'a dataset needs at least one source'),
    vocabulary: z.strictObject({
      relationshipTypes: z.record(z.string(), relationshipTypeSchema),
    }),
    entities: z.array(entitySchema),
    relationships: z
      .array(relationshipInputSchema)
      .optional()
      .default([])
      .transform((list) => list.map(toRelationship)),
    mentions: z.array(mentionSchema).optional().default([]),
  })
  .check((ctx) => {
    // One way of writing claims per file, the one its format version names.
    const expected = ctx.value.format === 'trove-dataset/1' ? 'evidence' : 'claims';
    ctx.value.relationships.forEach((rel, i) => {
      if (rel.claimsField !== expected) {
        ctx.issues.push({
          code: 'custom',
          input: rel,
          path: ['relationships', i, rel.claimsField],
          message: `is not part of ${ctx.value.format}; write ${expected}${expected === 'claims' ? ' (npm run seed -- --migrate converts a file)' : ''}`,
        });
      }
    });
  });
export type DatasetFile = z.infer<typeof datasetSchema>;
