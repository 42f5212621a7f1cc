// The stored model of Trove (docs/graph-model.md) as constants: what seed, server, contract, exports,
// bench, tests and page agree on. Plain values without zod or a driver, so the page can import it
// without bundling either. A change here is a change of the stored model: update the document too.

/** Node labels. Every entity also has exactly one kind label (entityKinds). */
export const LABEL = {
  entity: 'Entity',
  source: 'Source',
  /** A label only, on Person nodes; there is no `official` property. */
  official: 'Official',
  /** One node per relationship type of the vocabulary, holding its description and allowed kinds. */
  relationshipType: 'RelationshipType',
  /** One node per write, append-only: the history that undo, redo and the History panel read. */
  change: 'Change',
  /** A pair of entities a person said are not the same: never suggested for merging again. */
  notSame: 'NotSame',
  /**
   * A source being imported and reviewed (docs/graph-model.md, "Import drafts"): its own label, never
   * `Source` or `Entity`, and no relationships, so no read of the explorer can reach it. Publishing
   * loads it as a dataset and deletes it.
   */
  importDraft: 'ImportDraft',
  /**
   * One node, `{id: HISTORY_COUNTER_ID, seq}`: the history's counter, and the graph's write lock that
   * every transaction which reads before it writes takes first (seed/src/write-lock.ts).
   */
  changeCounter: 'ChangeCounter',
} as const;

/** The `id` of the one ChangeCounter node. */
export const HISTORY_COUNTER_ID = 'history';

/**
 * Entity bookkeeping of resolution and editing: `mergedIds` lists the ids of entities merged into
 * this one (they keep resolving to it); `version` counts edits and merges, for optimistic writes.
 */
export const ENTITY_RESOLUTION = { mergedIds: 'mergedIds', version: 'version' } as const;

/**
 * Relationship bookkeeping of resolution: `mergedIds` lists the ids of relationships a merge combined
 * into this one (the same type between the same ends once the entities were one), so that stories
 * and datasets that name a removed relationship keep resolving to the one that holds its claims.
 */
export const REL_RESOLUTION = { mergedIds: 'mergedIds' } as const;

/**
 * A property set and removed in one statement to take an entity's or relationship's write lock before
 * reading it (Neo4j reads take no locks): a writer that reads, computes and writes back (a merge, an
 * edit) then never writes over what another one committed in between. Never stored.
 */
export const WRITE_LOCK = '__lock';

/**
 * Properties of the history's counter while a batched load runs (seed/src/write-lock.ts): which load
 * claims the graph, of which dataset file, and until when if it sends no further batch. Other
 * writers wait for it to end; a load of the same dataset (the re-run that completes a killed one)
 * takes it over.
 */
export const LOAD_LEASE = { owner: 'loadingBy', dataset: 'loadingDataset', until: 'loadingUntil' } as const;

/** A mention: (Entity)-[:MENTIONED_IN {start, end, text, curated}]->(Source). */
export const MENTIONED_IN = 'MENTIONED_IN';

/**
 * Relationship types that belong to the model rather than to a dataset's vocabulary: they never link
 * two entities as a statement and are left out of the entity graph, paths and type lists.
 */
export const MODEL_RELATIONSHIP_TYPES: readonly string[] = [MENTIONED_IN];

/** The pattern-part that walks every statement between entities but not mentions (`-[r:!MENTIONED_IN]-`). */
export const STATEMENT_TYPES = `!${MENTIONED_IN}`;

export const entityKinds = [
  'Person',
  'Organization',
  'Place',
  'Event',
  'Document',
  'Group',
  'Facility',
] as const;
export type EntityKind = (typeof entityKinds)[number];

export const stances = ['reported', 'claimed', 'disputed', 'denied'] as const;
export type Stance = (typeof stances)[number];

export const datePrecisions = ['year', 'month', 'day'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

export const qualifiers = ['exactly', 'more than', 'at least', 'about', 'fewer than'] as const;
export type Qualifier = (typeof qualifiers)[number];

/** Entity, source, relationship, story ids: lowercase slugs (`chen-quanguo`). */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Relationship types of a vocabulary: UPPER_SNAKE_CASE verbs (`APPOINTED_TO`). */
export const RELATIONSHIP_TYPE_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
export const MAX_ID_LENGTH = 200;

/** A type that may be written into a Cypher pattern as a statement between entities. */
export function isStatementType(type: string): boolean {
  return RELATIONSHIP_TYPE_PATTERN.test(type) && !MODEL_RELATIONSHIP_TYPES.includes(type);
}

/** Query bounds that are identifiers in Cypher (not parameters), so they must be checked integers. */
export const BOUNDS = {
  pathHops: { min: 1, max: 6, default: 6 },
  pathK: { min: 1, max: 10, default: 3 },
  neighbourDepth: { min: 1, max: 3, default: 1 },
  neighbourLimit: { min: 1, max: 500, default: 50 },
} as const;

/**
 * How many of an entity's links come with their claims in GET /api/entities/:id; the others are
 * summaries whose claims the page asks for (the one-link route) when a person opens one.
 */
export const QUOTED_LINKS = 5;

/**
 * What a path may walk: links only, or also from an entity to the asserters of claims on its links.
 * A path's hop is then a `link` (along the relationship) or a `says` step (entity to asserter).
 */
export const PATH_VIA = ['links', 'asserters'] as const;
export const PATH_HOPS = ['link', 'says'] as const;
export type PathHop = (typeof PATH_HOPS)[number];

/**
 * Properties of a statement relationship. Claims are stored as parallel lists of equal length, one
 * entry per claim (docs/graph-model.md, "Claims"); corroboration and contest are derived from them
 * by the seed and stored so that filters can use them.
 */
export const REL = {
  id: 'id',
  description: 'description',
  dateStart: 'dateStart',
  dateEnd: 'dateEnd',
  datePrecision: 'datePrecision',
  claimSource: 'evidenceSource',
  claimStart: 'evidenceStart',
  claimEnd: 'evidenceEnd',
  claimQuote: 'evidenceQuote',
  /** Per claim: the asserters' ids joined with ASSERTER_SEPARATOR; '' when the source says it itself. */
  claimAssertedBy: 'claimAssertedBy',
  /** Per claim: its stance; 'reported' for the source's own voice. */
  claimStance: 'claimStance',
  /** Derived: the union of every claim's asserters, in first-seen order. */
  assertedBy: 'assertedBy',
  /** Derived: the stance of the claims when they agree, absent when every claim is in the source's voice. */
  stance: 'stance',
  sourceCount: 'sourceCount',
  asserterCount: 'asserterCount',
  contested: 'contested',
} as const;

export const ASSERTER_SEPARATOR = ',';

/** Properties of a mention relationship. */
export const MENTION = { start: 'start', end: 'end', text: 'text', curated: 'curated' } as const;

/**
 * Per-field provenance on an entity: `fieldSources` lists `field=datasetSource` pairs (the source
 * id of the dataset that last set the field); `alternatives` lists JSON strings of
 * `{field, value, source}` for values another dataset gave and that differ from the stored one.
 */
export const ENTITY_PROVENANCE = { fieldSources: 'fieldSources', alternatives: 'alternatives' } as const;

/**
 * How precisely a location is known: `exact` (the spot itself), `city` (somewhere in that city),
 * `region` (a first-level region such as Xinjiang), `country`. A region or country is stored with
 * its centroid, so every located entity has a point; the precision says how far to trust it.
 */
export const locationPrecisions = ['exact', 'city', 'region', 'country'] as const;
export type LocationPrecision = (typeof locationPrecisions)[number];

/**
 * An entity's location (docs/graph-model.md, "Locations"): `locationLat`/`locationLon` (WGS 84
 * degrees; a region's centroid), `locationRegion` (the gazetteer id of the region or country, absent
 * for a point) and `locationPrecision`.
 */
export const LOCATION = {
  lat: 'locationLat',
  lon: 'locationLon',
  region: 'locationRegion',
  precision: 'locationPrecision',
} as const;

/** An entity's own stored properties; its numbers (`<name>` with `<name>Qualifier`) sit beside them. */
export const ENTITY_FIELDS: readonly string[] = [
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
  LOCATION.lat,
  LOCATION.lon,
  LOCATION.region,
  LOCATION.precision,
];
