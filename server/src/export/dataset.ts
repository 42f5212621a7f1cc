// The stored graph as a trove-dataset/2 document (seed/README.md): the one export that loads back
// into an empty database as the same graph. It reads Neo4j's properties, not the graph payload,
// because the payload leaves out what a dataset needs (source texts, background aliases, curated
// mentions, excluded spans, the vocabulary's descriptions).
import type { Driver } from 'neo4j-driver';
import { decodeClaimDate, storedClaims } from '../../../model/claims.js';
import {
  ENTITY_FIELDS as MODEL_ENTITY_FIELDS,
  ENTITY_PROVENANCE,
  ENTITY_RESOLUTION,
  LABEL,
  LOCATION,
  MENTIONED_IN,
  REL_RESOLUTION,
  qualifiers,
} from '../../../model/index.js';
import { FORMAT_VERSION } from '../../../seed/src/dataset.js';
import { toPlain, type Plain } from '../db/mapping.js';

type Props = Record<string, Plain>;
type Json = Record<string, unknown>;

/** Which entities and relationships to write; null writes the whole graph. */
export interface DatasetSelection {
  entityIds: ReadonlySet<string>;
  relationshipIds: ReadonlySet<string>;
}

const QUALIFIERS = new Set<string>(qualifiers);
// Entity properties that are not numbers (everything else with a `<name>Qualifier` twin is one).
const ENTITY_FIELDS = new Set([
  ...MODEL_ENTITY_FIELDS,
  ENTITY_PROVENANCE.fieldSources,
  ENTITY_PROVENANCE.alternatives,
]);

const strings = (value: Plain | undefined): string[] => (Array.isArray(value) ? value.map(String) : []);
const numbers = (value: Plain | undefined): number[] => (Array.isArray(value) ? value.map(Number) : []);

function dateOf(props: Props): Json | undefined {
  if (typeof props.dateStart !== 'string') return undefined;
  return {
    start: props.dateStart,
    ...(typeof props.dateEnd === 'string' ? { end: props.dateEnd } : {}),
    precision: props.datePrecision,
  };
}

// A region is written back by its id (the loader stores its centroid again), a point by its degrees.
function locationOf(props: Props): Json | undefined {
  const precision = props[LOCATION.precision];
  if (typeof precision !== 'string') return undefined;
  const region = props[LOCATION.region];
  return typeof region === 'string'
    ? { region, precision }
    : { lat: props[LOCATION.lat], lon: props[LOCATION.lon], precision };
}

function sourceRecord(props: Props): Json {
  const starts = numbers(props.excludedStart);
  const ends = numbers(props.excludedEnd);
  const reasons = strings(props.excludedReason);
  return {
    id: props.id,
    title: props.title,
    publisher: props.publisher,
    ...(typeof props.note === 'string' ? { note: props.note } : {}),
    ...(typeof props.date === 'string'
      ? { date: { start: props.date, precision: props.datePrecision } }
      : {}),
    ...(typeof props.url === 'string' ? { url: props.url } : {}),
    contentHash: props.contentHash,
    ...(starts.length > 0
      ? {
          excludeFromMentions: starts.map((start, i) => ({ start, end: ends[i], reason: reasons[i] })),
        }
      : {}),
    text: props.text,
  };
}

/** Which source set each field and the other sources' values, so that a reload keeps them. */
function provenanceOf(props: Props): Json {
  const fieldSources = Object.fromEntries(
    strings(props[ENTITY_PROVENANCE.fieldSources]).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const alternatives = strings(props[ENTITY_PROVENANCE.alternatives]).map((json) => JSON.parse(json) as Json);
  if (Object.keys(fieldSources).length === 0 && alternatives.length === 0) return {};
  return {
    provenance: {
      fieldSources,
      ...(alternatives.length > 0 ? { alternatives } : {}),
    },
  };
}

/** The ids merges folded into this record, so that a dataset loaded later that uses them resolves. */
function mergedIdsOf(props: Props, key: string): Json {
  const ids = strings(props[key]);
  return ids.length > 0 ? { mergedIds: ids } : {};
}

export function entityRecord(props: Props, official: boolean, mentioned: boolean): Json {
  const background = strings(props.backgroundAliases);
  const numberRecords: Record<string, Json> = {};
  for (const [key, value] of Object.entries(props)) {
    const qualifier = props[`${key}Qualifier`];
    if (!ENTITY_FIELDS.has(key) && typeof value === 'number' && typeof qualifier === 'string') {
      if (QUALIFIERS.has(qualifier)) numberRecords[key] = { value, qualifier };
    }
  }
  const date = dateOf(props);
  const location = locationOf(props);
  return {
    id: props.id,
    kind: props.kind,
    name: props.name,
    ...(official ? { official: true } : {}),
    aliases: strings(props.aliases).filter((alias) => !background.includes(alias)),
    backgroundAliases: background,
    description: props.description,
    ...(typeof props.role === 'string' ? { role: props.role } : {}),
    ...(date ? { date } : {}),
    ...(location ? { location } : {}),
    numbers: numberRecords,
    // The stored graph has no reason of its own; the dataset format needs one for such an entity.
    ...(mentioned ? {} : { noMentionReason: 'No loaded source mentions it (exported from Trove).' }),
    ...provenanceOf(props),
    ...mergedIdsOf(props, ENTITY_RESOLUTION.mergedIds),
  };
}

function relationshipRecord(type: string, from: string, to: string, props: Props): Json {
  const date = dateOf(props);
  return {
    id: props.id,
    type,
    from,
    to,
    description: props.description,
    ...(date ? { date } : {}),
    claims: storedClaims(props).map((claim) => {
      const claimDate = decodeClaimDate(claim.date);
      return {
        source: claim.source,
        quote: claim.quote,
        start: claim.start,
        end: claim.end,
        // The source's own voice is written without by (and is `reported`).
        ...(claim.by.length > 0 ? { by: claim.by, stance: claim.stance } : {}),
        ...(claimDate ? { date: claimDate } : {}),
      };
    }),
    ...mergedIdsOf(props, REL_RESOLUTION.mergedIds),
  };
}

async function rows(driver: Driver, cypher: string, params: Json = {}): Promise<Json[]> {
  const { records } = await driver.executeQuery(cypher, params, { routing: 'READ' });
  return records.map((record) => toPlain(record.toObject()) as Json);
}

/**
 * The graph (or the selected part of it, with the asserters its claims name) as a dataset. Every
 * source is written with its text; only curated mentions are written, since the loader finds the
 * automatic ones again from names, aliases and excluded spans.
 */
export async function readDataset(driver: Driver, selection: DatasetSelection | null): Promise<Json> {
  const [sources, entities, relationships, types, mentions] = await Promise.all([
    rows(driver, `MATCH (s:${LABEL.source}) RETURN properties(s) AS props ORDER BY s.id`),
    rows(
      driver,
      `MATCH (e:${LABEL.entity})
       RETURN properties(e) AS props, e:${LABEL.official} AS official,
              EXISTS { (e)-[:${MENTIONED_IN}]->(:${LABEL.source}) } AS mentioned
       ORDER BY e.id`,
    ),
    rows(
      driver,
      `MATCH (a:${LABEL.entity})-[r]->(b:${LABEL.entity})
       RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props ORDER BY r.id`,
    ),
    rows(driver, `MATCH (t:${LABEL.relationshipType}) RETURN properties(t) AS props ORDER BY t.id`),
    rows(
      driver,
      `MATCH (e:${LABEL.entity})-[m:${MENTIONED_IN} {curated: true}]->(s:${LABEL.source})
       RETURN e.id AS entity, s.id AS source, m.text AS quote, m.start AS start, m.end AS end
       ORDER BY s.id, m.start`,
    ),
  ]);
  const keptRelationships = relationships.filter(
    (r) => selection === null || selection.relationshipIds.has(String((r.props as Props).id)),
  );
  const keptEntities = new Set(selection?.entityIds);
  if (selection !== null) {
    for (const r of keptRelationships) {
      keptEntities.add(String(r.from)).add(String(r.to));
      for (const claim of storedClaims(r.props as Props)) for (const id of claim.by) keptEntities.add(id);
    }
  }
  const kept = (id: unknown): boolean => selection === null || keptEntities.has(String(id));
  const usedTypes = new Set(keptRelationships.map((r) => String(r.type)));
  const descriptions = new Map(types.map((t) => [String((t.props as Props).id), t.props as Props]));

  return {
    format: FORMAT_VERSION,
    description: 'Exported from Trove: the stored graph as a dataset.',
    sources: sources.map((s) => sourceRecord(s.props as Props)),
    vocabulary: {
      relationshipTypes: Object.fromEntries(
        [...new Set([...descriptions.keys(), ...usedTypes])]
          .filter((type) => selection === null || usedTypes.has(type))
          .sort()
          .map((type) => {
            const stored = descriptions.get(type);
            const from = strings(stored?.from);
            const to = strings(stored?.to);
            return [
              type,
              {
                description: typeof stored?.description === 'string' ? stored.description : type,
                ...(from.length > 0 ? { from } : {}),
                ...(to.length > 0 ? { to } : {}),
              },
            ];
          }),
      ),
    },
    entities: entities
      .filter((e) => kept((e.props as Props).id))
      .map((e) => entityRecord(e.props as Props, e.official === true, e.mentioned === true)),
    relationships: keptRelationships.map((r) =>
      relationshipRecord(String(r.type), String(r.from), String(r.to), r.props as Props),
    ),
    mentions: mentions.filter((m) => kept(m.entity)),
  };
}
