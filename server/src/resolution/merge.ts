// Merging two entities into one, and splitting them apart again, inside the caller's transaction.
// A merge moves everything of the merged entity onto the survivor (aliases, mentions, relationships
// with their claims, the claims it asserts, story references) and returns a record of exactly what it
// moved; split reads that record and moves those things back, leaving whatever else changed since.
import type { ManagedTransaction } from 'neo4j-driver';
import { claimKey, claimProps, storedClaims, type StoredClaim } from '../../../model/claims.js';
import {
  ENTITY_PROVENANCE,
  ENTITY_RESOLUTION,
  LABEL,
  MENTIONED_IN,
  REL,
  REL_RESOLUTION,
  WRITE_LOCK,
  entityKinds,
  isStatementType,
} from '../../../model/index.js';
import { conflict, invalid, notFound } from '../errors.js';
import { decodeProps, encodeProps, storedProps, type Props } from '../history/values.js';
import { linksAssertedBy } from './asserted.js';
import { rewriteStory, survivorOf } from './ids.js';

// Stories resolve old ids through these (stories/query.ts); they live in ids.ts.
export { stepsWithSurvivors, survivorsOf } from './ids.js';

interface MovedMention {
  sourceId: string;
  props: Props;
}

interface MovedRelationship {
  id: string;
  type: string;
  startId: string;
  endId: string;
  /** The relationship as it was, encoded (history/values.ts). */
  props: Props;
  /**
   * When the survivor already had this pair and type: that relationship, the claims added to it and
   * the ids it took over in its `mergedIds` (absent in records written before it kept them).
   */
  combinedInto: { id: string; addedClaims: StoredClaim[]; addedMergedIds?: string[] } | null;
}

interface AsserterRewrite {
  relId: string;
  type: string;
  /** Per claim that named the merged entity as its asserter: the claim as it was. */
  claims: StoredClaim[];
}

export interface MergeRecord {
  survivor: string;
  merged: string;
  mergedNode: { labels: string[]; props: Props };
  survivorName: string;
  mergedName: string;
  addedAliases: string[];
  addedBackgroundAliases: string[];
  /**
   * The survivor's background aliases that the merged entity had from a source, and its background
   * list before, for the order split restores (both absent when none, and in older records).
   */
  promotedAliases?: string[];
  backgroundBefore?: string[];
  addedMergedIds: string[];
  addedAlternatives: string[];
  addedLabels: string[];
  mentions: MovedMention[];
  relationships: MovedRelationship[];
  asserters: AsserterRewrite[];
  stories: { id: string; before: string; after: string }[];
}

const ALLOWED_LABELS = new Set<string>([LABEL.entity, LABEL.official, ...entityKinds]);

function labelText(labels: readonly string[]): string {
  for (const label of labels) if (!ALLOWED_LABELS.has(label)) throw invalid(`unexpected label '${label}'`);
  return labels.map((label) => `:\`${label}\``).join('');
}

function relType(type: string): string {
  if (!isStatementType(type)) throw invalid(`unexpected relationship type '${type}'`);
  return `\`${type}\``;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** A claim's identity without who asserts it: the same span of the same source said the same way. */
const claimSpan = (c: StoredClaim): string => [c.source, c.start, c.end, c.stance, c.quote].join('\u0000');

/**
 * Takes the write locks of both entities and every relationship of theirs before anything is read,
 * so that a racing merge or import waits and what is read below is what is committed: no claim
 * read here can be overwritten by a claim list read before another writer's commit.
 */
async function lockEntities(
  tx: ManagedTransaction,
  ids: string[],
): Promise<Map<string, { labels: string[]; props: Props }>> {
  const result = await tx.run(
    `MATCH (e:${LABEL.entity}) WHERE e.id IN $ids
     SET e.${ENTITY_RESOLUTION.version} = coalesce(e.${ENTITY_RESOLUTION.version}, 0) + 1
     WITH e
     CALL (e) { MATCH (e)-[r]-() SET r.${WRITE_LOCK} = true REMOVE r.${WRITE_LOCK} }
     RETURN e.id AS id, labels(e) AS labels, properties(e) AS props`,
    { ids },
  );
  return new Map(
    result.records.map((r) => [
      String(r.get('id')),
      { labels: r.get('labels') as string[], props: r.get('props') as Props },
    ]),
  );
}

/** Merges `mergedId` into `survivorId`; returns what moved, for the history and for split. */
export async function mergeEntities(
  tx: ManagedTransaction,
  survivorId: string,
  mergedId: string,
): Promise<MergeRecord> {
  if (survivorId === mergedId) throw invalid('An entity cannot be merged into itself.', 'merged');
  const locked = await lockEntities(tx, [survivorId, mergedId]);
  const survivor = locked.get(survivorId);
  const merged = locked.get(mergedId);
  for (const id of [survivorId, mergedId]) {
    if (locked.has(id)) continue;
    const into = await survivorOf(tx, id);
    if (into)
      throw conflict(`'${id}' was already merged into '${into}'.`, id === mergedId ? 'merged' : 'survivor');
    throw notFound(`No entity has the id '${id}'.`, id === mergedId ? 'merged' : 'survivor');
  }
  if (!survivor || !merged) throw notFound('No such entity.');

  const mentions = await tx.run(
    `MATCH (m:${LABEL.entity} {id: $merged})-[x:${MENTIONED_IN}]->(s:${LABEL.source})
     RETURN s.id AS sourceId, properties(x) AS props ORDER BY s.id, x.start`,
    { merged: mergedId },
  );
  const rels = await tx.run(
    `MATCH (m:${LABEL.entity} {id: $merged})-[r]-(o)
     WHERE type(r) <> '${MENTIONED_IN}'
     WITH DISTINCT r
     RETURN type(r) AS type, startNode(r).id AS startId, endNode(r).id AS endId,
       startNode(r):${LABEL.entity} AND endNode(r):${LABEL.entity} AS entities, properties(r) AS props
     ORDER BY type, props.id`,
    { merged: mergedId },
  );
  const survivorRels = await tx.run(
    `MATCH (s:${LABEL.entity} {id: $survivor})-[r]-()
     WHERE type(r) <> '${MENTIONED_IN}'
     WITH DISTINCT r
     RETURN type(r) AS type, startNode(r).id AS startId, endNode(r).id AS endId, properties(r) AS props`,
    { survivor: survivorId },
  );
  const swap = (id: string) => (id === mergedId ? survivorId : id);
  const pairKey = (type: string, start: string, end: string) => `${type}\u0000${start}\u0000${end}`;
  const existing = new Map<string, { id: string; type: string; props: Props }>();
  for (const r of survivorRels.records) {
    const props = r.get('props') as Props;
    const key = pairKey(String(r.get('type')), String(r.get('startId')), String(r.get('endId')));
    // A dataset may hold two relationships of one pair and type: combine into the first by id, always.
    const held = existing.get(key);
    if (held && held.id < String(props[REL.id])) continue;
    existing.set(key, { id: String(props[REL.id]), type: String(r.get('type')), props });
  }

  const record: MergeRecord = {
    survivor: survivorId,
    merged: mergedId,
    mergedNode: { labels: merged.labels, props: encodeProps(merged.props) },
    survivorName: String(survivor.props.name),
    mergedName: String(merged.props.name),
    addedAliases: [],
    addedBackgroundAliases: [],
    addedMergedIds: [],
    addedAlternatives: [],
    addedLabels: [],
    mentions: [],
    relationships: [],
    asserters: [],
    stories: [],
  };
  const edgeIds = new Map<string, string>();

  for (const r of rels.records) {
    const type = String(r.get('type'));
    const props = r.get('props') as Props;
    const id = String(props[REL.id]);
    if (r.get('entities') !== true || !isStatementType(type)) {
      throw conflict(
        `'${mergedId}' has a ${type} link that is not a statement between entities; it cannot be merged.`,
      );
    }
    const startId = String(r.get('startId'));
    const endId = String(r.get('endId'));
    const key = pairKey(type, swap(startId), swap(endId));
    const target = existing.get(key);
    await tx.run(`MATCH ()-[r:${relType(type)} {id: $id}]->() DELETE r`, { id });
    if (target) {
      // The same statement, made of the other entity: one relationship carrying both claim lists.
      const current = storedClaims(target.props);
      const keys = new Set(current.map(claimKey));
      const added = storedClaims(props).filter((claim) => !keys.has(claimKey(claim)));
      const claims = [...current, ...added];
      // The removed id (and any it had taken over) now names the target: stories and datasets that
      // use it resolve there.
      const held = strings(target.props[REL_RESOLUTION.mergedIds]);
      const addedMergedIds = [id, ...strings(props[REL_RESOLUTION.mergedIds])].filter(
        (old) => !held.includes(old),
      );
      const combined = { ...claimProps(claims), [REL_RESOLUTION.mergedIds]: [...held, ...addedMergedIds] };
      await tx.run(`MATCH ()-[r:${relType(target.type)} {id: $id}]->() SET r += $props`, {
        id: target.id,
        props: storedProps(combined),
      });
      target.props = { ...target.props, ...combined };
      for (const old of addedMergedIds) edgeIds.set(old, target.id);
      record.relationships.push({
        id,
        type,
        startId,
        endId,
        props: encodeProps(props),
        combinedInto: { id: target.id, addedClaims: added, addedMergedIds },
      });
    } else {
      await tx.run(
        `MATCH (a:${LABEL.entity} {id: $start}), (b:${LABEL.entity} {id: $end})
         CREATE (a)-[r:${relType(type)}]->(b) SET r = $props`,
        { start: swap(startId), end: swap(endId), props },
      );
      existing.set(key, { id, type, props });
      record.relationships.push({ id, type, startId, endId, props: encodeProps(props), combinedInto: null });
    }
  }

  for (const m of mentions.records) {
    const props = m.get('props') as Props;
    record.mentions.push({ sourceId: String(m.get('sourceId')), props: encodeProps(props) });
  }
  await tx.run(
    `MATCH (m:${LABEL.entity} {id: $merged})-[x:${MENTIONED_IN}]->(src:${LABEL.source})
     MATCH (s:${LABEL.entity} {id: $survivor})
     CREATE (s)-[y:${MENTIONED_IN}]->(src) SET y = properties(x)
     DELETE x`,
    { merged: mergedId, survivor: survivorId },
  );

  // Claims that the merged entity asserts now name the survivor as their asserter.
  const assertedBy = await linksAssertedBy(tx, mergedId);
  const asserted = await tx.run(
    `${assertedBy.match}
     SET r.${WRITE_LOCK} = true REMOVE r.${WRITE_LOCK}
     RETURN type(r) AS type, properties(r) AS props`,
    assertedBy.params,
  );
  for (const a of asserted.records) {
    const props = a.get('props') as Props;
    const type = String(a.get('type'));
    const claims = storedClaims(props);
    const changed = claims.filter((c) => c.by.includes(mergedId));
    const rewritten = claims.map((c) =>
      c.by.includes(mergedId) ? { ...c, by: [...new Set(c.by.map(swap))] } : c,
    );
    await tx.run(`MATCH ()-[r:${relType(type)} {id: $id}]->() SET r += $props`, {
      id: String(props[REL.id]),
      props: storedProps(claimProps(rewritten)),
    });
    record.asserters.push({ relId: String(props[REL.id]), type, claims: changed });
  }

  // The survivor takes the merged entity's names, ids and the field values it gave differently.
  const survivorName = String(survivor.props.name);
  const aliases = strings(survivor.props.aliases);
  for (const alias of [String(merged.props.name), ...strings(merged.props.aliases)]) {
    if (alias !== survivorName && !aliases.includes(alias)) {
      aliases.push(alias);
      record.addedAliases.push(alias);
    }
  }
  // A spelling the merged entity has from a source is one a source uses for the survivor now: not
  // background any more (a dataset export would otherwise say "background alias occurs in a source").
  const survivorBackground = strings(survivor.props.backgroundAliases);
  const mergedBackground = strings(merged.props.backgroundAliases);
  const sourced = new Set([
    String(merged.props.name),
    ...strings(merged.props.aliases).filter((a) => !mergedBackground.includes(a)),
    ...strings(survivor.props.aliases).filter((a) => !survivorBackground.includes(a)),
  ]);
  const promoted = survivorBackground.filter((alias) => sourced.has(alias));
  if (promoted.length > 0) {
    record.promotedAliases = promoted;
    record.backgroundBefore = survivorBackground;
  }
  const background = survivorBackground.filter((alias) => !sourced.has(alias));
  for (const alias of mergedBackground) {
    if (alias !== survivorName && !background.includes(alias) && !sourced.has(alias)) {
      background.push(alias);
      record.addedBackgroundAliases.push(alias);
    }
  }
  const mergedIds = strings(survivor.props[ENTITY_RESOLUTION.mergedIds]);
  for (const id of [mergedId, ...strings(merged.props[ENTITY_RESOLUTION.mergedIds])]) {
    if (!mergedIds.includes(id)) {
      mergedIds.push(id);
      record.addedMergedIds.push(id);
    }
  }
  const alternatives = strings(survivor.props[ENTITY_PROVENANCE.alternatives]);
  const fieldSources = new Map(
    strings(merged.props[ENTITY_PROVENANCE.fieldSources]).map((pair) => [
      pair.slice(0, pair.indexOf('=')),
      pair.slice(pair.indexOf('=') + 1),
    ]),
  );
  for (const field of ['description', 'role', 'dateStart', 'dateEnd']) {
    const value = merged.props[field];
    if (value === null || value === undefined || value === survivor.props[field]) continue;
    const alternative = JSON.stringify({ field, value, source: fieldSources.get(field) ?? mergedId });
    if (!alternatives.includes(alternative)) {
      alternatives.push(alternative);
      record.addedAlternatives.push(alternative);
    }
  }
  record.addedLabels = merged.labels.filter((l) => l === LABEL.official && !survivor.labels.includes(l));
  await tx.run(
    `MATCH (s:${LABEL.entity} {id: $survivor})
     SET s.aliases = $aliases, s.backgroundAliases = $background, s.${ENTITY_RESOLUTION.mergedIds} = $mergedIds
     ${record.addedAlternatives.length > 0 ? `SET s.${ENTITY_PROVENANCE.alternatives} = $alternatives` : ''}
     ${record.addedLabels.length > 0 ? `SET s${labelText(record.addedLabels)}` : ''}`,
    {
      survivor: survivorId,
      aliases,
      background,
      mergedIds,
      alternatives: alternatives.length > 0 ? alternatives : null,
    },
  );

  // Stories that showed the merged entity or a combined link show the survivors instead; a story
  // may name a link without either of its ends.
  const stories = await tx.run(
    `MATCH (st:Story) WHERE any(quoted IN $quoted WHERE st.steps CONTAINS quoted)
     RETURN st.id AS id, st.steps AS steps`,
    { quoted: [mergedId, ...edgeIds.keys()].map((id) => JSON.stringify(id)) },
  );
  for (const s of stories.records) {
    const before = String(s.get('steps'));
    const after = JSON.stringify(
      rewriteStory(JSON.parse(before), new Map([[mergedId, survivorId]]), edgeIds),
    );
    if (after === before) continue;
    await tx.run('MATCH (st:Story {id: $id}) SET st.steps = $steps', {
      id: String(s.get('id')),
      steps: after,
    });
    record.stories.push({ id: String(s.get('id')), before, after });
  }

  await tx.run(`MATCH (m:${LABEL.entity} {id: $merged}) DETACH DELETE m`, { merged: mergedId });
  return record;
}

/** Undoes a merge from its record: the merged entity comes back with what it had, later edits stay. */
export async function splitEntities(tx: ManagedTransaction, record: MergeRecord): Promise<void> {
  const { survivor: survivorId, merged: mergedId } = record;
  const locked = await lockEntities(tx, [survivorId, mergedId]);
  if (locked.has(mergedId))
    throw conflict(`'${mergedId}' exists again; it cannot be split off '${survivorId}'.`);
  const survivor = locked.get(survivorId);
  if (!survivor) {
    const into = await survivorOf(tx, survivorId);
    throw conflict(
      into
        ? `'${survivorId}' was merged into '${into}' since; split that merge first.`
        : `'${survivorId}' no longer exists.`,
    );
  }
  const node = decodeProps(record.mergedNode.props);
  await tx.run(`CREATE (m${labelText(record.mergedNode.labels)}) SET m = $props`, { props: node });

  // Claims that named the merged entity as asserter get it back, wherever they are now (a later
  // merge may have moved them to another relationship): found by their span, not by relationship.
  const assertedBySurvivor = record.asserters.length > 0 ? await linksAssertedBy(tx, survivorId) : null;
  for (const rewrite of record.asserters) {
    for (const original of rewrite.claims) {
      const found = await tx.run(
        `${assertedBySurvivor?.match ?? ''} AND $source IN r.${REL.claimSource}
         RETURN type(r) AS type, properties(r) AS props`,
        { ...assertedBySurvivor?.params, source: original.source },
      );
      for (const row of found.records) {
        const props = row.get('props') as Props;
        const claims = storedClaims(props);
        const at = claims.findIndex((c) => claimSpan(c) === claimSpan(original) && c.by.includes(survivorId));
        if (at < 0) continue;
        claims[at] = { ...(claims[at] as StoredClaim), by: original.by };
        await tx.run(`MATCH ()-[r:${relType(String(row.get('type')))} {id: $id}]->() SET r += $props`, {
          id: String(props[REL.id]),
          props: storedProps(claimProps(claims)),
        });
        break;
      }
    }
  }

  for (const moved of [...record.relationships].reverse()) {
    const type = relType(moved.type);
    if (moved.combinedInto) {
      const current = await tx.run(
        `MATCH ()-[r:${relType(moved.type)} {id: $id}]->() RETURN properties(r) AS props`,
        {
          id: moved.combinedInto.id,
        },
      );
      const props = current.records[0]?.get('props') as Props | undefined;
      // The claims it brought leave again, as they are now (an asserter restored above, say).
      const removed: StoredClaim[] = [];
      if (props) {
        const pending = moved.combinedInto.addedClaims.map(claimSpan);
        const kept = storedClaims(props).filter((claim) => {
          const at = pending.indexOf(claimSpan(claim));
          if (at < 0) return true;
          pending.splice(at, 1);
          removed.push(claim);
          return false;
        });
        // The ids it took over name their own relationship again.
        const handedBack = moved.combinedInto.addedMergedIds ?? [];
        const mergedIds = strings(props[REL_RESOLUTION.mergedIds]).filter((id) => !handedBack.includes(id));
        // A relationship keeps at least one claim: if only the merged side's remain, they stay too.
        await tx.run(`MATCH ()-[r:${type} {id: $id}]->() SET r += $props`, {
          id: moved.combinedInto.id,
          props: {
            ...(kept.length > 0 ? storedProps(claimProps(kept)) : {}),
            [REL_RESOLUTION.mergedIds]: mergedIds.length > 0 ? mergedIds : null,
          },
        });
      }
      const original = decodeProps(moved.props);
      const claims = removed.length > 0 ? removed : storedClaims(original);
      await tx.run(
        `MATCH (a:${LABEL.entity} {id: $start}), (b:${LABEL.entity} {id: $end})
         CREATE (a)-[r:${type}]->(b) SET r = $props`,
        {
          start: moved.startId,
          end: moved.endId,
          props: { ...original, ...storedProps(claimProps(claims)) },
        },
      );
    } else {
      // Moved whole: it goes back with what it holds now (claims added since stay with it).
      await tx.run(
        // Deleted before it is created again: the id is unique per type, checked at each write.
        `MATCH ()-[old:${type} {id: $id}]->()
         WITH old, properties(old) AS props
         DELETE old
         WITH props
         MATCH (a:${LABEL.entity} {id: $start}), (b:${LABEL.entity} {id: $end})
         CREATE (a)-[r:${type}]->(b) SET r = props`,
        { id: moved.id, start: moved.startId, end: moved.endId },
      );
    }
  }

  for (const mention of record.mentions) {
    const props = decodeProps(mention.props);
    await tx.run(
      `MATCH (s:${LABEL.entity} {id: $survivor})-[x:${MENTIONED_IN}]->(src:${LABEL.source} {id: $source})
       WHERE x.start = $start AND x.end = $end
       MATCH (m:${LABEL.entity} {id: $merged})
       CREATE (m)-[y:${MENTIONED_IN}]->(src) SET y = properties(x)
       DELETE x`,
      {
        survivor: survivorId,
        merged: mergedId,
        source: mention.sourceId,
        start: props.start,
        end: props.end,
      },
    );
  }

  const without = (values: unknown, removed: readonly string[]) => {
    const list = strings(values).filter((v) => !removed.includes(v));
    return list;
  };
  const alternatives = without(survivor.props[ENTITY_PROVENANCE.alternatives], record.addedAlternatives);
  await tx.run(
    `MATCH (s:${LABEL.entity} {id: $survivor})
     SET s.aliases = $aliases, s.backgroundAliases = $background, s.${ENTITY_RESOLUTION.mergedIds} = $mergedIds
     ${record.addedAlternatives.length > 0 ? `SET s.${ENTITY_PROVENANCE.alternatives} = $alternatives` : ''}
     ${record.addedLabels.length > 0 ? `REMOVE s${labelText(record.addedLabels)}` : ''}`,
    {
      survivor: survivorId,
      aliases: without(survivor.props.aliases, record.addedAliases),
      background: restoredBackground(survivor.props.backgroundAliases, record),
      mergedIds: (() => {
        const ids = without(survivor.props[ENTITY_RESOLUTION.mergedIds], record.addedMergedIds);
        return ids.length > 0 ? ids : null;
      })(),
      alternatives: alternatives.length > 0 ? alternatives : null,
    },
  );

  for (const story of record.stories) {
    // Only a story nobody has edited since goes back; an edited one keeps the edit.
    await tx.run('MATCH (st:Story {id: $id}) WHERE st.steps = $after SET st.steps = $before', story);
  }
}

/** The survivor's background aliases without the ones the merge added, with the ones it promoted back in place. */
function restoredBackground(current: unknown, record: MergeRecord): string[] {
  const kept = strings(current).filter((alias) => !record.addedBackgroundAliases.includes(alias));
  const promoted = record.promotedAliases ?? [];
  if (promoted.length === 0) return kept;
  const before = record.backgroundBefore ?? [];
  return [
    ...before.filter((alias) => kept.includes(alias) || promoted.includes(alias)),
    ...kept.filter((alias) => !before.includes(alias)),
  ];
}

export function describeMerge(record: MergeRecord): string {
  return `Merged ${record.mergedName} (${record.merged}) into ${record.survivorName} (${record.survivor})`;
}
