// The import, step by step: bring a text, review what was found in it, add claims, then publish it
// (load its dataset) or discard it. Each write validates the draft's dataset with the seed's own
// checks first, so whatever a draft holds can be downloaded and published.
import { randomBytes } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import {
  MAX_IMPORT_TEXT_BYTES,
  type ImportClaimInputT,
  type ImportDecisionT,
  type ImportDraftT,
  type ImportMetaT,
} from '../../../contract/imports.js';
import { isStatementType, type DatePrecision } from '../../../model/index.js';
import { loadCompiledDataset } from '../../../seed/src/load.js';
import { sha256 } from '../../../seed/src/read.js';
import { invalid, notFound } from '../errors.js';
import { appendChange } from '../history/record.js';
import { findCandidates } from './candidates.js';
import { contradiction, unpublishAction } from './history.js';
import {
  buildDataset,
  checkDataset,
  draftView,
  newEntities,
  referencedKnownIds,
  slug,
  type DraftState,
  type StoredDecision,
} from './draft.js';
import type { MediaType } from './extract.js';
import { findKnownMentions, type KnownEntity } from './known-mentions.js';
import {
  createDraft,
  deleteDraftIn,
  discardDraft,
  findSame,
  idTaken,
  readDraft,
  readEntityProps,
  readExistingLinks,
  readKnownEntities,
  readRelationshipTypes,
  updateDraft,
} from './query.js';

/** More text than an import takes (the route answers 413). */
export class TextTooLargeError extends Error {
  constructor(bytes: number) {
    super(`The text is ${(bytes / 1024 / 1024).toFixed(1)} MB; an import takes up to 2 MB of text.`);
    this.name = 'TextTooLargeError';
  }
}

export interface Incoming {
  text: string;
  mediaType: MediaType;
  pageStarts: number[];
  /** The bytes as they came (a PDF's, an HTML file's), whose hash also identifies the source. */
  bytes: Uint8Array;
}

const precisionOf = (date: string): DatePrecision =>
  date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';

export async function importSource(
  driver: Driver,
  meta: ImportMetaT,
  incoming: Incoming,
  author: string,
): Promise<{ id: string; status: 'draft' | 'published'; existing: boolean }> {
  const bytes = Buffer.byteLength(incoming.text, 'utf8');
  if (bytes > MAX_IMPORT_TEXT_BYTES) throw new TextTooLargeError(bytes);
  if (incoming.text.trim() === '') throw invalid('text: must not be empty', 'text');
  const contentHash = sha256(incoming.text);
  const bytesHash = sha256(incoming.bytes);
  const same = await findSame(driver, contentHash, bytesHash);
  if (same) return { ...same, existing: true };

  const known = await readKnownEntities(driver);
  const mentions = findKnownMentions(incoming.text, known);
  const { candidates, dates } = findCandidates(incoming.text, known, mentions);
  const base = slug(meta.title, 'source').slice(0, 60).replace(/-+$/, '');
  let id = `${base}-${contentHash.slice(7, 13)}`;
  if (await idTaken(driver, id)) id = `${base}-${contentHash.slice(7, 23)}`;
  const draft: DraftState = {
    id,
    title: meta.title,
    publisher: meta.publisher,
    date: meta.date ?? null,
    datePrecision: meta.date ? (meta.datePrecision ?? precisionOf(meta.date)) : null,
    url: meta.url ?? null,
    note: meta.note ?? null,
    text: incoming.text,
    contentHash,
    bytesHash,
    mediaType: incoming.mediaType,
    pageStarts: incoming.pageStarts,
    candidates,
    dates,
    decisions: {},
    claims: [],
    updatedAt: new Date().toISOString(),
  };
  if (draft.date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(draft.date))
    throw invalid('date: must be 2019, 2019-11 or 2019-11-24', 'date');
  await createDraft(driver, draft, {
    op: 'import',
    author,
    summary: `Imported "${meta.title}" as a draft (${candidates.length} candidates, ${mentions.length} known mentions)`,
    subjects: [id],
    before: null,
    after: { draft: id, contentHash, mediaType: incoming.mediaType },
  });
  return { id, status: 'draft', existing: false };
}

async function context(driver: Driver, draft: DraftState, known?: KnownEntity[]) {
  const entities = known ?? (await readKnownEntities(driver));
  return { known: entities, mentions: findKnownMentions(draft.text, entities) };
}

export async function getDraft(driver: Driver, id: string): Promise<ImportDraftT> {
  const draft = await readDraft(driver, id);
  const { known, mentions } = await context(driver, draft);
  return draftView(draft, known, mentions);
}

/** The draft's dataset, validated; `invalid` names the first problems when it is not loadable. */
async function datasetOf(driver: Driver, draft: DraftState, known?: KnownEntity[]) {
  const ctx = await context(driver, draft, known);
  const ids = referencedKnownIds(draft, ctx.mentions);
  const pairs = [...new Map(draft.claims.map((c) => [`${c.from}|${c.type}|${c.to}`, c])).values()].map(
    (c) => ({
      from: c.from,
      to: c.to,
      type: c.type,
    }),
  );
  const [props, types, links] = await Promise.all([
    readEntityProps(driver, ids),
    readRelationshipTypes(driver),
    readExistingLinks(driver, pairs),
  ]);
  const json = buildDataset(draft, {
    ...ctx,
    entityProps: new Map(props.map((p) => [String(p.props.id), p])),
    types,
    links,
  });
  return { json, checked: checkDataset(json, draft.text), ...ctx };
}

async function mustBeValid(driver: Driver, draft: DraftState, known: KnownEntity[], what: string) {
  const { checked } = await datasetOf(driver, draft, known);
  if (!checked.ok)
    throw invalid(`${what}: the draft would not be a valid dataset: ${checked.problems.join('; ')}`);
}

export async function decide(
  driver: Driver,
  id: string,
  decisions: readonly ImportDecisionT[],
  author: string,
): Promise<ImportDraftT> {
  const known = await readKnownEntities(driver);
  const knownIds = new Map(known.map((e) => [e.id, e]));
  const updated = await updateDraft(driver, id, async (draft) => {
    const byId = new Map(draft.candidates.map((c) => [c.id, c]));
    const before: Record<string, StoredDecision | null> = {};
    const next = { ...draft.decisions };
    const claimed = new Set(draft.claims.flatMap((c) => [c.from, c.to, ...c.by]));
    decisions.forEach((d, i) => {
      const field = `decisions.${i}`;
      const candidate = byId.get(d.candidate);
      if (!candidate)
        throw invalid(
          `${field}.candidate: this draft has no candidate '${d.candidate}'`,
          `${field}.candidate`,
        );
      const previous = next[d.candidate];
      before[d.candidate] = previous ?? null;
      const keptId = previous?.action === 'accept' ? previous.entityId : undefined;
      if (keptId && claimed.has(keptId) && d.action !== 'accept') {
        throw invalid(
          `${field}.action: a claim names '${keptId}'; remove the claim first`,
          `${field}.action`,
        );
      }
      if (d.action === 'link') {
        if (!d.entityId) throw invalid(`${field}.entityId: required to link`, `${field}.entityId`);
        if (!knownIds.has(d.entityId))
          throw invalid(`${field}.entityId: no entity has the id '${d.entityId}'`, `${field}.entityId`);
        next[d.candidate] = { action: 'link', entityId: d.entityId };
      } else if (d.action === 'accept') {
        const name = d.name ?? previous?.name;
        const taken = new Set([
          ...knownIds.keys(),
          ...Object.entries(next)
            .filter(([key, value]) => key !== d.candidate && value.action === 'accept')
            .map(([, value]) => value.entityId ?? ''),
        ]);
        let entityId = keptId && claimed.has(keptId) ? keptId : slug(name ?? candidate.name);
        for (let n = 2; taken.has(entityId) && !(keptId === entityId && claimed.has(keptId)); n += 1) {
          entityId = `${slug(name ?? candidate.name)}-${n}`;
        }
        next[d.candidate] = {
          action: 'accept',
          entityId,
          ...(name ? { name } : {}),
          ...((d.kind ?? previous?.kind) ? { kind: d.kind ?? previous?.kind } : {}),
          ...((d.description ?? previous?.description)
            ? { description: d.description ?? previous?.description }
            : {}),
          ...((d.location ?? previous?.location) ? { location: d.location ?? previous?.location } : {}),
        };
      } else if (d.action === 'pending') {
        next[d.candidate] = { action: 'pending', ...(d.location ? { location: d.location } : {}) };
      } else {
        next[d.candidate] = { action: 'reject' };
      }
    });
    const draftAfter = { ...draft, decisions: next };
    await mustBeValid(driver, draftAfter, known, 'decisions');
    const after = Object.fromEntries(Object.keys(before).map((key) => [key, next[key] ?? null]));
    return {
      draft: draftAfter,
      change: {
        op: 'edit',
        author,
        summary: `Reviewed ${decisions.length} candidate${decisions.length === 1 ? '' : 's'} of "${draft.title}"`,
        subjects: [draft.id, ...Object.values(after).flatMap((v) => (v?.entityId ? [v.entityId] : []))],
        before: { draft: draft.id, decisions: before },
        after: { draft: draft.id, decisions: after },
      },
    };
  });
  return draftView(updated, known, findKnownMentions(updated.text, known));
}

export async function addClaim(
  driver: Driver,
  id: string,
  input: ImportClaimInputT,
  author: string,
): Promise<ImportDraftT> {
  if (!isStatementType(input.type)) throw invalid(`type: '${input.type}' is reserved for mentions`, 'type');
  if (input.end <= input.start) throw invalid(`end: must be greater than start (${input.start})`, 'end');
  const known = await readKnownEntities(driver);
  const types = await readRelationshipTypes(driver);
  if (!types.has(input.type) && !input.typeDescription) {
    throw invalid(`typeDescription: '${input.type}' is a new type; say what it means`, 'typeDescription');
  }
  const updated = await updateDraft(driver, id, async (draft) => {
    if (input.end > draft.text.length || draft.text.slice(input.start, input.end) !== input.quote) {
      throw invalid(`quote: not verbatim in the text at ${input.start}–${input.end}`, 'quote');
    }
    const names = new Set([...known.map((e) => e.id), ...newEntities(draft).map((e) => e.id)]);
    for (const [field, value] of [
      ['from', input.from],
      ['to', input.to],
      ...input.by.map((b, i) => [`by.${i}`, b] as const),
    ] as const) {
      if (!names.has(value))
        throw invalid(`${field}: no entity (known or accepted here) has the id '${value}'`, field);
    }
    const claim = {
      id: `claim-${randomBytes(4).toString('hex')}`,
      from: input.from,
      to: input.to,
      type: input.type,
      typeDescription: types.has(input.type) ? null : (input.typeDescription ?? null),
      by: input.by,
      stance: input.by.length === 0 ? 'reported' : input.stance,
      date: input.date ?? null,
      start: input.start,
      end: input.end,
      quote: input.quote,
    } as const;
    const draftAfter = { ...draft, claims: [...draft.claims, { ...claim, by: [...claim.by] }] };
    await mustBeValid(driver, draftAfter, known, 'claim');
    return {
      draft: draftAfter,
      change: {
        op: 'edit',
        author,
        summary: `Added a claim to "${draft.title}": ${input.from} ${input.type} ${input.to}`,
        subjects: [draft.id, input.from, input.to],
        before: { draft: draft.id, claim: null },
        after: { draft: draft.id, claim },
      },
    };
  });
  return draftView(updated, known, findKnownMentions(updated.text, known));
}

export async function removeClaim(
  driver: Driver,
  id: string,
  claimId: string,
  author: string,
): Promise<ImportDraftT> {
  const known = await readKnownEntities(driver);
  const updated = await updateDraft(driver, id, async (draft) => {
    const claim = draft.claims.find((c) => c.id === claimId);
    if (!claim) throw notFound(`Draft '${id}' has no claim '${claimId}'.`);
    return {
      draft: { ...draft, claims: draft.claims.filter((c) => c.id !== claimId) },
      change: {
        op: 'edit',
        author,
        summary: `Removed a claim from "${draft.title}": ${claim.from} ${claim.type} ${claim.to}`,
        subjects: [draft.id, claim.from, claim.to],
        before: { draft: draft.id, claim },
        after: { draft: draft.id, claim: null },
      },
    };
  });
  return draftView(updated, known, findKnownMentions(updated.text, known));
}

/** The draft as the dataset file a reviewer downloads (and could load with `npm run seed`). */
export async function draftDataset(driver: Driver, id: string): Promise<Record<string, unknown>> {
  const draft = await readDraft(driver, id);
  const { json, checked } = await datasetOf(driver, draft);
  if (!checked.ok) throw invalid(`The draft is not a valid dataset yet: ${checked.problems.join('; ')}`);
  return json;
}

/** Loads the draft's dataset into the graph, deleting the draft in the same transaction. */
export async function publish(driver: Driver, id: string, author: string) {
  const draft = await readDraft(driver, id);
  const { checked } = await datasetOf(driver, draft);
  if (!checked.ok) throw invalid(`The draft is not a valid dataset yet: ${checked.problems.join('; ')}`);
  const { data, mentions, warnings } = checked.dataset;
  const [source] = data.sources;
  if (!source) throw new Error('a draft dataset has its source');
  const added = newEntities(draft).map((e) => e.id);
  const dataset = {
    file: `draft ${id}`,
    data,
    sources: [{ ...source, text: draft.text, absolutePath: '' }],
    mentions,
    warnings,
  };
  try {
    await loadCompiledDataset(driver, dataset, {
      alsoInTransaction: async (tx, record) => {
        const inverse = await unpublishAction(tx, id, dataset, record);
        if (!inverse || !(await deleteDraftIn(tx, id))) throw notFound(`No draft has the id '${id}'.`);
        await appendChange(tx, {
          op: 'publish',
          author,
          summary: `Published "${draft.title}": ${added.length} new entities, ${data.relationships.length} links, ${mentions.length} mentions`,
          subjects: [id, ...added],
          before: { draft: id },
          after: { source: id, entities: added, relationships: data.relationships.map((r) => r.id) },
          inverse,
        });
      },
    });
  } catch (error) {
    throw contradiction(error);
  }
  return {
    sourceId: id,
    entities: data.entities.length,
    relationships: data.relationships.length,
    mentions: mentions.length,
  };
}

export async function discard(driver: Driver, id: string, author: string): Promise<{ discarded: string }> {
  const draft = await readDraft(driver, id);
  await discardDraft(driver, id, {
    op: 'discard',
    author,
    summary: `Discarded the draft "${draft.title}"`,
    subjects: [id],
    before: {
      draft: id,
      title: draft.title,
      contentHash: draft.contentHash,
      decisions: draft.decisions,
      claims: draft.claims,
    },
    after: null,
  });
  return { discarded: id };
}
