// Import: bring a source (pasted text or a file), review the entities found in it, add claims, and
// publish it into the graph, or download it as a dataset. Every step is an endpoint, so a script can
// import a folder of articles without the page.
import { z } from 'zod';
import {
  dateBound,
  datePrecision,
  entityId,
  entityKind,
  errorBody,
  relationshipType,
  stance,
} from './common.js';
import { defineRoute } from './route.js';
import { ID_PATTERN, MAX_ID_LENGTH, locationPrecisions } from '../model/index.js';

/** Beyond this many UTF-8 bytes of (extracted) text, an import is refused with 413. */
export const MAX_IMPORT_TEXT_BYTES = 2 * 1024 * 1024;
/** Beyond this many bytes of upload, the request is refused with 413 before it is read. */
export const MAX_IMPORT_UPLOAD_BYTES = 10 * 1024 * 1024;

export const importMediaTypes = ['text/plain', 'text/markdown', 'text/html', 'application/pdf'] as const;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** What a reader needs to know about a source besides its text; the same fields in JSON and query. */
export const importMeta = z.object({
  title: text(300),
  publisher: text(300).meta({ description: 'Who published it; "Unknown" when nobody knows.' }),
  date: dateBound.optional().meta({ description: 'When it was published: 2019, 2019-11 or 2019-11-24.' }),
  datePrecision: datePrecision
    .optional()
    .meta({ description: 'Defaults to what `date` gives: year, month or day.' }),
  url: z.url().max(2_000).optional(),
  note: text(2_000).optional().meta({ description: 'What can honestly be said about where it comes from.' }),
});
export type ImportMetaT = z.output<typeof importMeta>;

export const createImportBody = importMeta
  .extend({
    text: z
      .string()
      .min(1, 'must not be empty')
      .max(3_000_000)
      .meta({ description: 'The text, stored verbatim (beyond 2 MB of UTF-8 it is refused with 413).' }),
    format: z
      .enum(['text', 'markdown'])
      .default('text')
      .meta({ description: 'Markdown is kept as it is written; both are plain text to Trove.' }),
  })
  .meta({ id: 'CreateImport' });

export const importCreated = z
  .object({
    id: z.string().meta({ description: 'The draft id, which becomes the source id on publishing.' }),
    status: z.enum(['draft', 'published']),
    existing: z.boolean().meta({ description: 'True when the same text was imported before.' }),
  })
  .meta({ id: 'ImportCreated' });

const span = {
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  text: z.string(),
};

export const importMention = z
  .object({ entityId: z.string(), name: z.string(), kind: entityKind, ...span })
  .meta({ id: 'ImportMention', description: 'A mention of an entity the graph already has.' });

export const candidateActions = ['accept', 'reject', 'link', 'pending'] as const;

export const importDecision = z
  .object({
    candidate: z.string().min(1).max(200),
    action: z.enum(candidateActions),
    name: text(300).optional().meta({ description: 'accept: the entity name, when not the proposed one.' }),
    kind: entityKind.optional().meta({ description: 'accept: the kind, when not the proposed one.' }),
    entityId: entityId.optional().meta({ description: 'link: the existing entity the candidate is.' }),
    description: text(1_000).optional().meta({ description: 'accept: one or two sentences.' }),
    location: z.enum(['accept', 'reject']).optional().meta({
      description:
        "The candidate's proposed location: `accept` stores it with the entity when it is accepted.",
    }),
  })
  .meta({ id: 'ImportDecision' });
export type ImportDecisionT = z.output<typeof importDecision>;

export const proposedLocation = z
  .object({
    lat: z.number(),
    lon: z.number(),
    precision: z.enum(locationPrecisions),
    region: z.string().optional().meta({ description: 'The region or country id, for those precisions.' }),
    label: z.string().meta({ description: 'What matched: "Hotan, CN (city, population 408,894)".' }),
    population: z.number().int().optional().meta({ description: "A city's population (GeoNames)." }),
    source: z.enum(['natural-earth', 'curated-region', 'geonames']),
  })
  .meta({ id: 'ProposedLocation', description: 'Where the offline gazetteer puts a place of this name.' });

export const importCandidate = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: entityKind,
    score: z.number(),
    why: z.string().meta({ description: 'How it was found: "person (compromise)", "capitalised words".' }),
    mentions: z.array(z.object(span)),
    link: z
      .object({
        entityId: z.string(),
        name: z.string(),
        kind: entityKind,
        score: z.number(),
        reasons: z.array(z.string()),
      })
      .nullable()
      .meta({ description: 'A known entity it looks like, with the reasons.' }),
    location: proposedLocation
      .nullable()
      .meta({ description: 'For a place the gazetteer knows: where it is, for the reviewer to accept.' }),
    decision: importDecision.omit({ candidate: true }).nullable(),
    entityId: z
      .string()
      .nullable()
      .meta({ description: 'The entity it is or becomes once accepted or linked; null otherwise.' }),
  })
  .meta({ id: 'ImportCandidate' });
export type ImportCandidateT = z.output<typeof importCandidate>;

const claimDate = z.object({
  start: dateBound,
  end: dateBound.optional(),
  precision: datePrecision,
});

export const importClaimBody = z
  .object({
    from: entityId,
    to: entityId,
    type: relationshipType,
    typeDescription: text(500)
      .optional()
      .meta({ description: 'Required when `type` is not in the vocabulary yet: what it means.' }),
    by: z
      .array(entityId)
      .max(20)
      .default([])
      .meta({ description: 'Who asserts it; empty: the source itself.' }),
    stance: stance.default('reported'),
    date: claimDate.optional(),
    start: z.number().int().min(0).max(1_000_000_000),
    end: z.number().int().min(1).max(1_000_000_000),
    quote: z.string().min(1).max(10_000).meta({ description: 'Verbatim: the text at [start, end).' }),
  })
  .meta({ id: 'ImportClaimInput' });
export type ImportClaimInputT = z.output<typeof importClaimBody>;

export const importClaim = z
  .object({
    id: z.string(),
    from: z.string(),
    to: z.string(),
    type: z.string(),
    typeDescription: z.string().nullable(),
    by: z.array(z.string()),
    stance,
    date: claimDate.nullable(),
    start: z.number().int(),
    end: z.number().int(),
    quote: z.string(),
    page: z.number().int().nullable().meta({ description: 'The PDF page the quote starts on.' }),
  })
  .meta({ id: 'ImportClaim' });
export type ImportClaimT = z.output<typeof importClaim>;

export const importDraft = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: z.string(),
    date: z.string().nullable(),
    datePrecision: datePrecision.nullable(),
    url: z.string().nullable(),
    note: z.string().nullable(),
    mediaType: z.enum(importMediaTypes),
    contentHash: z.string().meta({ description: 'sha256 of the UTF-8 bytes of the text.' }),
    length: z.number().int(),
    pageStarts: z.array(z.number().int()).meta({ description: 'PDF: the offset where each page begins.' }),
    text: z.string(),
    mentions: z.array(importMention),
    candidates: z.array(importCandidate).meta({ description: 'Ranked, most likely entity first.' }),
    dates: z
      .array(z.object({ ...span, value: claimDate }))
      .meta({ description: 'Dates found in the text, to fill claim dates from.' }),
    claims: z.array(importClaim),
    entities: z
      .array(z.object({ id: z.string(), name: z.string(), kind: entityKind, known: z.boolean() }))
      .meta({ description: 'The entities claims may name: known ones mentioned, and accepted candidates.' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'ImportDraft' });
export type ImportDraftT = z.output<typeof importDraft>;

export const importSummaries = z
  .object({
    drafts: z.array(
      z.object({ id: z.string(), title: z.string(), length: z.number().int(), updatedAt: z.string() }),
    ),
  })
  .meta({ id: 'ImportDrafts' });

const draftParams = z.object({
  id: z.string().max(MAX_ID_LENGTH).regex(ID_PATTERN, 'must be a draft id'),
});

const writeErrors = {
  400: { description: 'Invalid input: the message names the field and the problem.', schema: errorBody },
  401: { description: 'A token is required (the server is exposed beyond loopback).', schema: errorBody },
  403: { description: 'Writes are off (exposed without a token).', schema: errorBody },
};
const notFound = { 404: { description: 'No draft has this id.', schema: errorBody } };

export const createImportRoute = defineRoute({
  method: 'post',
  path: '/imports',
  operationId: 'createImport',
  tag: 'imports',
  summary: 'Import pasted text as a draft source',
  description:
    'The text is stored verbatim with its sha256; the same text twice is the same source (answered 200 with `existing`).',
  body: createImportBody,
  responses: {
    201: { description: 'The new draft.', schema: importCreated },
    200: { description: 'This text was imported before: its draft or source.', schema: importCreated },
    ...writeErrors,
    413: { description: 'More than 2 MB of text.', schema: errorBody },
  },
});

export const uploadImportRoute = defineRoute({
  method: 'post',
  path: '/imports/upload',
  operationId: 'uploadImport',
  tag: 'imports',
  summary: 'Import a file (txt, md, html, pdf) as a draft source',
  description:
    'The body is the file as it is (any Content-Type; the type is read from the content, not the name). HTML gives its main text (no script runs, no markup is kept), PDF its text with page boundaries. Malformed, encrypted, zipped or binary files are refused with 415 or 422 and nothing is stored.',
  query: importMeta,
  responses: {
    201: { description: 'The new draft.', schema: importCreated },
    200: { description: 'These bytes were imported before: their draft or source.', schema: importCreated },
    ...writeErrors,
    413: { description: 'The file is over 10 MB or its text over 2 MB.', schema: errorBody },
    415: { description: 'Not a text, Markdown, HTML or PDF file (zip, gzip, binary).', schema: errorBody },
    422: {
      description: 'A PDF or HTML file that cannot be read (malformed, encrypted, too slow).',
      schema: errorBody,
    },
  },
});

export const listImportsRoute = defineRoute({
  method: 'get',
  path: '/imports',
  operationId: 'listImports',
  tag: 'imports',
  summary: 'Drafts being reviewed',
  responses: { 200: { description: 'The drafts, newest first.', schema: importSummaries } },
});

export const getImportRoute = defineRoute({
  method: 'get',
  path: '/imports/:id',
  operationId: 'getImport',
  tag: 'imports',
  summary: 'A draft with mentions of known entities, ranked candidates, dates and claims',
  params: draftParams,
  responses: {
    200: { description: 'The draft.', schema: importDraft },
    400: { description: 'Malformed id.', schema: errorBody },
    ...notFound,
  },
});

export const decideImportRoute = defineRoute({
  method: 'post',
  path: '/imports/:id/decisions',
  operationId: 'decideImport',
  tag: 'imports',
  summary: 'Accept, reject, rename, change the kind of, or link candidates',
  params: draftParams,
  body: z.object({ decisions: z.array(importDecision).min(1).max(500) }).meta({ id: 'ImportDecisions' }),
  responses: {
    200: { description: 'The draft after the decisions.', schema: importDraft },
    ...writeErrors,
    ...notFound,
  },
});

export const addImportClaimRoute = defineRoute({
  method: 'post',
  path: '/imports/:id/claims',
  operationId: 'addImportClaim',
  tag: 'imports',
  summary: 'Add a claim quoted from the draft text',
  params: draftParams,
  body: importClaimBody,
  responses: {
    201: { description: 'The draft with the claim.', schema: importDraft },
    ...writeErrors,
    ...notFound,
  },
});

export const removeImportClaimRoute = defineRoute({
  method: 'delete',
  path: '/imports/:id/claims/:claimId',
  operationId: 'removeImportClaim',
  tag: 'imports',
  summary: 'Remove a claim from a draft',
  params: draftParams.extend({ claimId: z.string().min(1).max(100) }),
  responses: {
    200: { description: 'The draft without the claim.', schema: importDraft },
    ...writeErrors,
    ...notFound,
  },
});

export const publishImportRoute = defineRoute({
  method: 'post',
  path: '/imports/:id/publish',
  operationId: 'publishImport',
  tag: 'imports',
  summary: 'Publish a draft: load it into the graph as a dataset',
  params: draftParams,
  responses: {
    200: {
      description: 'Published: the source and what it added.',
      schema: z
        .object({
          sourceId: z.string(),
          entities: z.number().int(),
          relationships: z.number().int(),
          mentions: z.number().int(),
        })
        .meta({ id: 'ImportPublished' }),
    },
    ...writeErrors,
    ...notFound,
    409: {
      description: 'The graph contradicts the draft (an id with another kind, say).',
      schema: errorBody,
    },
  },
});

export const discardImportRoute = defineRoute({
  method: 'delete',
  path: '/imports/:id',
  operationId: 'discardImport',
  tag: 'imports',
  summary: 'Discard a draft whole',
  params: draftParams,
  responses: {
    200: { description: 'Discarded.', schema: z.object({ discarded: z.string() }) },
    ...writeErrors,
    ...notFound,
  },
});

export const importDatasetRoute = defineRoute({
  method: 'get',
  path: '/imports/:id/dataset',
  operationId: 'downloadImport',
  tag: 'imports',
  summary: 'The draft as a trove-dataset/2 file',
  description: 'Its source, the entities it mentions or names, its claims and curated mentions.',
  params: draftParams,
  responses: {
    200: { description: 'A dataset file (JSON).', contentTypes: ['application/json'] },
    400: { description: 'Malformed id, or a draft that is not a valid dataset yet.', schema: errorBody },
    ...notFound,
  },
});
