// A draft's review state, and what it becomes: the view the page shows, and a trove-dataset/2
// document (the same one that "Download as dataset" writes and that publishing loads), validated by
// the seed's own validation so that a draft that can be saved can always be published.
import {
  datasetSchema,
  FORMAT_VERSION,
  type DatasetFile,
  type DatasetLocation,
} from '../../../seed/src/dataset.js';
import { spellingFinder, spellingVariants, type Mention } from '../../../seed/src/mentions.js';
import { sha256 } from '../../../seed/src/read.js';
import { formatError, validateDataset, type ValidationError } from '../../../seed/src/validate.js';
import {
  ID_PATTERN,
  MAX_ID_LENGTH,
  type DatePrecision,
  type EntityKind,
  type Stance,
} from '../../../model/index.js';
import type { ImportDraftT } from '../../../contract/imports.js';
import type { Plain } from '../db/mapping.js';
import { entityRecord } from '../export/dataset.js';
import type { ProposedLocation } from '../geo/gazetteer.js';
import type { Candidate, FoundDate } from './candidates.js';
import type { KnownEntity, KnownMention } from './known-mentions.js';
import type { MediaType } from './extract.js';

export interface StoredDecision {
  action: 'accept' | 'reject' | 'link' | 'pending';
  name?: string;
  kind?: EntityKind;
  /** accept: the id the new entity gets; link: the known entity. */
  entityId?: string;
  description?: string;
  /** The candidate's proposed location: accepted (stored with the entity) or rejected. */
  location?: 'accept' | 'reject';
}

export interface StoredClaim {
  id: string;
  from: string;
  to: string;
  type: string;
  typeDescription: string | null;
  by: string[];
  stance: Stance;
  date: { start: string; end?: string; precision: DatePrecision } | null;
  start: number;
  end: number;
  quote: string;
}

export interface DraftState {
  id: string;
  title: string;
  publisher: string;
  date: string | null;
  datePrecision: DatePrecision | null;
  url: string | null;
  note: string | null;
  text: string;
  contentHash: string;
  bytesHash: string;
  mediaType: MediaType;
  pageStarts: number[];
  candidates: Candidate[];
  dates: FoundDate[];
  decisions: Record<string, StoredDecision>;
  claims: StoredClaim[];
  updatedAt: string;
}

type Json = Record<string, unknown>;

/** A readable id from a name: "Zhu Hailun" → "zhu-hailun"; never empty, never too long. */
export function slug(name: string, fallback = 'entity'): string {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  const id = base || fallback;
  return ID_PATTERN.test(id) && id.length <= MAX_ID_LENGTH ? id : fallback;
}

export interface NewEntity {
  id: string;
  name: string;
  kind: EntityKind;
  description: string;
  candidate: Candidate;
  location?: DatasetLocation;
}

/** A proposed location as a dataset writes it: a region or country by id, else the point. */
function datasetLocation(proposed: ProposedLocation): DatasetLocation {
  return proposed.region !== undefined
    ? { region: proposed.region, precision: proposed.precision }
    : { lat: proposed.lat, lon: proposed.lon, precision: proposed.precision };
}

/** The entities the draft adds: its accepted candidates, under the name and kind the reviewer gave. */
export function newEntities(draft: DraftState): NewEntity[] {
  return draft.candidates.flatMap((candidate) => {
    const decision = draft.decisions[candidate.id];
    if (decision?.action !== 'accept' || !decision.entityId) return [];
    const kind = decision.kind ?? candidate.kind;
    const name = decision.name ?? candidate.name;
    const proposed = candidate.location ?? null;
    return [
      {
        id: decision.entityId,
        name,
        kind,
        description:
          decision.description ??
          `${kind === 'Group' ? 'A group' : `A ${kind.toLowerCase()}`} named in "${draft.title}".`,
        candidate,
        ...(decision.location === 'accept' && proposed ? { location: datasetLocation(proposed) } : {}),
      },
    ];
  });
}

/** Candidates linked to a known entity: their mentions become curated mentions of it. */
export function linkedCandidates(draft: DraftState): { candidate: Candidate; entityId: string }[] {
  return draft.candidates.flatMap((candidate) => {
    const decision = draft.decisions[candidate.id];
    return decision?.action === 'link' && decision.entityId
      ? [{ candidate, entityId: decision.entityId }]
      : [];
  });
}

/** Known entities the dataset must repeat: those mentioned, linked to, or named by a claim. */
export function referencedKnownIds(draft: DraftState, mentions: readonly KnownMention[]): string[] {
  const added = new Set(newEntities(draft).map((e) => e.id));
  const ids = new Set<string>(mentions.map((m) => m.entityId));
  for (const { entityId } of linkedCandidates(draft)) ids.add(entityId);
  for (const claim of draft.claims)
    for (const id of [claim.from, claim.to, ...claim.by]) if (!added.has(id)) ids.add(id);
  return [...ids].sort();
}

export interface DatasetInputs {
  known: readonly KnownEntity[];
  mentions: readonly KnownMention[];
  entityProps: ReadonlyMap<string, { props: Record<string, Plain>; official: boolean }>;
  types: ReadonlyMap<string, Record<string, Plain>>;
  links: ReadonlyMap<string, { id: string; description: string; props: Record<string, Plain> }>;
}

const strings = (value: Plain | undefined): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The draft as a trove-dataset/2 document (seed/README.md). */
export function buildDataset(draft: DraftState, inputs: DatasetInputs): Json {
  const sourceId = draft.id;
  const found = spellingFinder([
    ...inputs.known.flatMap((e) => [e.name, ...e.aliases, ...e.backgroundAliases]),
    ...newEntities(draft).flatMap((e) => e.candidate.mentions.map((m) => m.text)),
  ])(draft.text);
  const occurs = (spelling: string) => spellingVariants(spelling).some((v) => found.has(v));

  // Curated mentions: a known name matched only with its diacritics folded ("Chen" for "Chén"),
  // which the loader's exact scan would not find again, and every mention of a linked candidate.
  const curated: Json[] = [];
  const byId = new Map(inputs.known.map((e) => [e.id, e]));
  for (const m of inputs.mentions) {
    const entity = byId.get(m.entityId);
    const exact =
      entity && [entity.name, ...entity.aliases].some((s) => spellingVariants(s).includes(m.text));
    if (!exact)
      curated.push({ entity: m.entityId, source: sourceId, quote: m.text, start: m.start, end: m.end });
  }
  for (const { candidate, entityId } of linkedCandidates(draft)) {
    for (const m of candidate.mentions) {
      curated.push({
        entity: entityId,
        source: sourceId,
        quote: m.text,
        start: m.start,
        end: m.end,
        note: 'Linked on import.',
      });
    }
  }
  curated.sort((a, b) => Number(a.start) - Number(b.start));
  const mentioned = new Set([
    ...inputs.mentions.map((m) => m.entityId),
    ...curated.map((m) => String(m.entity)),
  ]);

  const known = referencedKnownIds(draft, inputs.mentions).flatMap((id) => {
    const stored = inputs.entityProps.get(id);
    if (!stored) return [];
    // Which other sources set its fields is the graph's to keep: this dataset names only its own
    // source, and a record citing others would not validate (nor change what is stored).
    const { provenance: _provenance, ...record } = entityRecord(
      stored.props,
      stored.official,
      true,
    ) as Json & {
      aliases: string[];
      backgroundAliases: string[];
      provenance?: unknown;
    };
    // An alias this text does not contain is background knowledge as far as this dataset goes, and
    // one it does contain is sourced by it (validation holds both ways).
    const all = [...record.aliases, ...record.backgroundAliases];
    const sourced = all.filter(occurs);
    const background = all.filter((a) => !occurs(a));
    return [
      {
        ...record,
        aliases: sourced,
        backgroundAliases: background,
        ...(mentioned.has(id)
          ? {}
          : { noMentionReason: `Named by a claim of "${draft.title}", not in its text.` }),
      },
    ];
  });

  const added = newEntities(draft).map((e) => {
    const aliases = [...new Set(e.candidate.mentions.map((m) => m.text))].filter(
      (text) => !spellingVariants(e.name).includes(text),
    );
    return {
      id: e.id,
      kind: e.kind,
      name: e.name,
      aliases,
      backgroundAliases: [],
      description: e.description,
      ...(e.location ? { location: e.location } : {}),
      ...(occurs(e.name) || aliases.length > 0
        ? {}
        : { noMentionReason: 'Named by the reviewer; not in the text.' }),
    };
  });

  const relationships = new Map<string, Json & { claims: Json[] }>();
  const names = new Map<string, string>([
    ...inputs.known.map((e) => [e.id, e.name] as const),
    ...newEntities(draft).map((e) => [e.id, e.name] as const),
  ]);
  for (const claim of draft.claims) {
    const key = `${claim.from}|${claim.type}|${claim.to}`;
    const existing = inputs.links.get(key);
    let rel = relationships.get(key);
    if (!rel) {
      const date =
        typeof existing?.props.dateStart === 'string'
          ? {
              start: existing.props.dateStart,
              ...(typeof existing.props.dateEnd === 'string' ? { end: existing.props.dateEnd } : {}),
              precision: existing.props.datePrecision,
            }
          : undefined;
      rel = {
        id: existing?.id ?? slug(`${claim.from}-${claim.type}-${claim.to}`, 'link'),
        type: claim.type,
        from: claim.from,
        to: claim.to,
        description:
          existing?.description ||
          `${names.get(claim.from) ?? claim.from} ${claim.type.toLowerCase().replace(/_/g, ' ')} ${names.get(claim.to) ?? claim.to}.`,
        ...(date ? { date } : {}),
        claims: [],
      };
      relationships.set(key, rel);
    }
    rel.claims.push({
      source: sourceId,
      quote: claim.quote,
      start: claim.start,
      end: claim.end,
      ...(claim.by.length > 0 ? { by: claim.by, stance: claim.stance } : {}),
      ...(claim.date ? { date: claim.date } : {}),
    });
  }

  const types: Record<string, Json> = {};
  for (const claim of draft.claims) {
    const stored = inputs.types.get(claim.type);
    const from = strings(stored?.from);
    const to = strings(stored?.to);
    types[claim.type] = stored
      ? {
          description: typeof stored.description === 'string' ? stored.description : claim.type,
          ...(from.length > 0 ? { from } : {}),
          ...(to.length > 0 ? { to } : {}),
        }
      : { description: claim.typeDescription ?? claim.type };
  }

  return {
    format: FORMAT_VERSION,
    description: `Imported into Trove: "${draft.title}", reviewed.`,
    sources: [
      {
        id: sourceId,
        title: draft.title,
        publisher: draft.publisher,
        ...(draft.note ? { note: draft.note } : {}),
        ...(draft.date && draft.datePrecision
          ? { date: { start: draft.date, precision: draft.datePrecision } }
          : {}),
        ...(draft.url ? { url: draft.url } : {}),
        contentHash: draft.contentHash,
        text: draft.text,
      },
    ],
    vocabulary: { relationshipTypes: types },
    entities: [...known, ...added],
    relationships: [...relationships.values()],
    mentions: curated,
  };
}

export interface CheckedDataset {
  data: DatasetFile;
  mentions: Mention[];
  warnings: ValidationError[];
}

/** The seed's validation of the dataset; the first problems, in its words, or the valid dataset. */
export function checkDataset(
  json: Json,
  text: string,
): { ok: true; dataset: CheckedDataset } | { ok: false; problems: string[] } {
  const file = 'draft';
  const parsed = datasetSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  const sources = new Map(parsed.data.sources.map((s) => [s.id, { text, contentHash: sha256(text) }]));
  const { errors, mentions, warnings } = validateDataset(file, parsed.data, sources);
  if (errors.length > 0)
    return { ok: false, problems: errors.slice(0, 3).map((e) => formatError(e).replace(/^draft: /, '')) };
  return { ok: true, dataset: { data: parsed.data, mentions, warnings } };
}

/** The page of a PDF an offset is on (1-based), or null for a source without pages. */
export function pageOf(pageStarts: readonly number[], offset: number): number | null {
  if (pageStarts.length === 0) return null;
  let page = 0;
  for (let i = 0; i < pageStarts.length; i += 1) if ((pageStarts[i] ?? 0) <= offset) page = i;
  return page + 1;
}

export function draftView(
  draft: DraftState,
  known: readonly KnownEntity[],
  mentions: readonly KnownMention[],
): ImportDraftT {
  const byId = new Map(known.map((e) => [e.id, e]));
  const entities = new Map<string, ImportDraftT['entities'][number]>();
  for (const m of mentions)
    entities.set(m.entityId, { id: m.entityId, name: m.name, kind: m.kind, known: true });
  for (const { entityId } of linkedCandidates(draft)) {
    const e = byId.get(entityId);
    if (e) entities.set(e.id, { id: e.id, name: e.name, kind: e.kind, known: true });
  }
  for (const claim of draft.claims) {
    for (const id of [claim.from, claim.to, ...claim.by]) {
      const e = byId.get(id);
      if (e) entities.set(e.id, { id: e.id, name: e.name, kind: e.kind, known: true });
    }
  }
  for (const e of newEntities(draft))
    entities.set(e.id, { id: e.id, name: e.name, kind: e.kind, known: false });
  return {
    id: draft.id,
    title: draft.title,
    publisher: draft.publisher,
    date: draft.date,
    datePrecision: draft.datePrecision,
    url: draft.url,
    note: draft.note,
    mediaType: draft.mediaType,
    contentHash: draft.contentHash,
    length: draft.text.length,
    pageStarts: draft.pageStarts,
    text: draft.text,
    mentions: [...mentions],
    candidates: draft.candidates.map((c) => {
      const decision = draft.decisions[c.id] ?? null;
      return {
        ...c,
        // Drafts saved before locations were proposed have none.
        location: c.location ?? null,
        decision,
        entityId:
          decision && (decision.action === 'accept' || decision.action === 'link')
            ? (decision.entityId ?? null)
            : null,
      };
    }),
    dates: draft.dates.map((d) => ({ ...d, value: { ...d.value } })),
    claims: draft.claims.map((c) => ({ ...c, page: pageOf(draft.pageStarts, c.start) })),
    entities: [...entities.values()].sort((a, b) => a.name.localeCompare(b.name)),
    updatedAt: draft.updatedAt,
  };
}
