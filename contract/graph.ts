import { z } from 'zod';
import { dateRange, entityKind, stance } from './common.js';
import { locationPrecisions } from '../model/index.js';

export const evidence = z
  .object({
    sourceId: z.string(),
    start: z.number().int().meta({ description: 'UTF-16 offset into the source text, inclusive.' }),
    end: z.number().int().meta({ description: 'UTF-16 offset into the source text, exclusive.' }),
    quote: z.string().meta({ description: 'The verbatim text of the source at [start, end).' }),
    source: z
      .object({
        title: z.string(),
        publisher: z.string().nullable(),
        date: z.string().nullable().meta({ description: 'ISO-8601 prefix, null when unknown.' }),
      })
      .optional()
      .meta({
        id: 'EvidenceSource',
        description:
          'The source the quote is from. Always sent by the server (optional only for quotes a page builds itself).',
      }),
    asserters: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .optional()
      .meta({
        description: 'Who asserts this claim; empty when the source states it in its own voice. Always sent.',
      }),
    stance: stance
      .optional()
      .meta({ description: "How the asserter holds it; reported for the source's own voice. Always sent." }),
    date: dateRange.optional().meta({
      description: 'When the claim was made, where the dataset says (its own date); absent otherwise.',
    }),
  })
  .meta({
    id: 'Evidence',
    description: 'One claim: a statement in one source, with who asserts it and how.',
  });
export type EvidenceT = z.infer<typeof evidence>;

export const geoLocation = z
  .object({
    lat: z.number().meta({ description: 'WGS 84 degrees; for a region or country, its centroid.' }),
    lon: z.number(),
    precision: z.enum(locationPrecisions).meta({
      description: 'How precisely the place is known: exact, city, region (first-level) or country.',
    }),
    region: z.object({ id: z.string(), name: z.string() }).nullable().meta({
      description:
        'The region or country for region and country precision: a Natural Earth id (ISO 3166-1 numeric) or a curated region id (model/regions.ts); null for a point.',
    }),
  })
  .meta({ id: 'Location' });
export type GeoLocationT = z.infer<typeof geoLocation>;

export const graphNode = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: entityKind,
    types: z
      .array(z.string())
      .meta({ description: 'Labels other than Entity, e.g. ["Person", "Official"].' }),
    aliases: z.array(z.string()),
    description: z.string().nullable(),
    date: dateRange.nullable(),
    location: geoLocation.optional().meta({
      description: 'Where the entity is, when the dataset says (places, facilities); absent otherwise.',
    }),
    properties: z.record(z.string(), z.unknown()).meta({
      description: 'Kind-specific fields: role, numbers with their qualifiers (pages, pagesQualifier).',
    }),
  })
  .meta({ id: 'GraphNode' });
export type GraphNodeT = z.infer<typeof graphNode>;

export const graphEdge = z
  .object({
    id: z.string(),
    type: z.string(),
    source: z.string().meta({ description: 'Id of the start node.' }),
    target: z.string().meta({ description: 'Id of the end node.' }),
    evidence: z.array(evidence),
    attribution: z
      .object({
        by: z.string().nullable().meta({
          description:
            'Entity id of who asserts it (the first, when several do); null when the source states it.',
        }),
        byName: z
          .string()
          .nullable()
          .meta({ description: 'Name of who asserts it; names joined ("A and B") when several do.' }),
        stance,
        asserters: z.array(z.object({ id: z.string(), name: z.string() })).meta({
          description:
            'Everyone who asserts it, in the order the dataset gives; empty when the source states it.',
        }),
      })
      .meta({ id: 'Attribution' }),
    date: dateRange.nullable(),
    description: z.string().nullable(),
    sourceCount: z.number().int().meta({ description: 'Distinct sources whose claims support the link.' }),
    asserterCount: z.number().int().meta({
      description: 'Distinct voices: each asserting entity, and each source that states it itself.',
    }),
    contested: z.boolean().meta({ description: 'The claims disagree in stance.' }),
  })
  .meta({ id: 'GraphEdge' });
export type GraphEdgeT = z.infer<typeof graphEdge>;

export const graphPayload = z
  .object({ nodes: z.array(graphNode), edges: z.array(graphEdge) })
  .meta({ id: 'GraphPayload' });
export type GraphPayloadT = z.infer<typeof graphPayload>;
