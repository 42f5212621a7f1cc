// A synthetic corpus in the real dataset format, for benchmarks at scales no curator will write by
// hand. Deterministic: the same seed and size give byte-identical files, so two runs (or two
// machines) measure the same data. The result passes the same validation as the article's dataset.
//
// Shape: entities of the seven kinds, links of the article's vocabulary (respecting each type's
// allowed kinds), endpoints drawn with a heavy tail (a few hubs with thousands of links, most
// entities with a handful), one verbatim quote per link in many small generated "articles",
// attribution with a stance on a share of links, and dates with their precision.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ENTITY_KINDS,
  FORMAT_VERSION,
  type DatasetEntity,
  type DatasetFile,
  type DatasetRelationship,
  type DatasetSource,
  type EntityKind,
  type RelationshipTypeDef,
  type Stance,
} from './dataset.js';
import { defaultDatasetPath } from './index.js';
import { sha256 } from './read.js';
import { seededRandom } from './random.js';

/** A relationship as written to the file (trove-dataset/2): claims with their asserters. */
type SyntheticRelationship = Omit<DatasetRelationship, 'claims' | 'claimsField'> & {
  claims: { source: string; quote: string; start: number; end: number; by?: string[]; stance?: Stance }[];
};

export interface SyntheticOptions {
  relationships: number;
  /** Defaults to one entity per ten relationships (100k entities at 1M links). */
  entities?: number;
  seed?: number;
  /** Quotes per generated source text. */
  sentencesPerSource?: number;
}

export interface SyntheticResult {
  file: string;
  entities: number;
  relationships: number;
  sources: number;
}

const SYLLABLES = ['ka', 'ren', 'to', 'mi', 'sa', 'vel', 'dor', 'li', 'ba', 'zu', 'ne', 'ho'];
const SYLLABLES2 = ['pa', 'qin', 'ra', 'su', 'tem', 'wu', 'xa', 'yo', 'fe', 'gil', 'lo', 'mun'];

function word(n: number, syllables: number, set: readonly string[]): string {
  let text = '';
  for (let i = 0; i < syllables; i += 1) {
    text += set[n % set.length] ?? '';
    n = Math.floor(n / set.length);
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A unique two-word core per entity index: a bijection, so no two entities share a spelling, and
 * the two syllable sets differ so no template word or other name can form one by accident.
 */
function coreName(index: number): string {
  const first = index % (SYLLABLES.length * SYLLABLES.length);
  const second = Math.floor(index / (SYLLABLES.length * SYLLABLES.length));
  return `${word(first, 2, SYLLABLES)} ${word(second, 4, SYLLABLES2)}`;
}

const SUFFIX: Record<EntityKind, readonly string[]> = {
  Person: [''],
  Organization: [' Bureau', ' Committee', ' Office', ' Party Branch'],
  Place: [' County', ' Prefecture', ' District'],
  Event: [' Conference', ' Hearing', ' Campaign', ' Inspection'],
  Document: [' Directive', ' Report', ' Notice'],
  Group: [' community', ' workers', ' students'],
  Facility: [' Center', ' Camp', ' School'],
};

// Shares of the corpus by kind: people and organisations dominate reporting.
const KIND_SHARE: Record<EntityKind, number> = {
  Person: 0.4,
  Organization: 0.2,
  Place: 0.1,
  Event: 0.14,
  Document: 0.08,
  Group: 0.04,
  Facility: 0.04,
};

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function randomDate(random: () => number): {
  start: string;
  end?: string;
  precision: 'year' | 'month' | 'day';
} {
  const year = 2009 + Math.floor(random() * 12);
  const roll = random();
  if (roll < 0.4) return { start: String(year), precision: 'year' };
  if (roll < 0.5) return { start: String(year), end: String(year + 1), precision: 'year' };
  const month = 1 + Math.floor(random() * 12);
  if (roll < 0.75) return { start: `${year}-${pad(month)}`, precision: 'month' };
  return { start: `${year}-${pad(month)}-${pad(1 + Math.floor(random() * 28))}`, precision: 'day' };
}

function dateText(date: { start: string; end?: string }): string {
  return date.end === undefined ? ` in ${date.start}` : ` from ${date.start} to ${date.end}`;
}

async function articleVocabulary(): Promise<Record<string, RelationshipTypeDef>> {
  const article = parse(await readFile(defaultDatasetPath, 'utf8')) as DatasetFile;
  return article.vocabulary.relationshipTypes;
}

/** One shard of the corpus: whole sources with the links their sentences state. */
interface SyntheticPart {
  sources: (DatasetSource & { text: string })[];
  relationships: SyntheticRelationship[];
}

/** The corpus as it is drawn: all entities at once, the links and their texts in parts. */
interface SyntheticCorpus {
  vocabulary: Record<string, RelationshipTypeDef>;
  entities: DatasetEntity[];
  seed: number;
  /** The parts in order; entities no part names get their noMentionReason once it is exhausted. */
  parts: Generator<SyntheticPart>;
}

/**
 * Draws the corpus. The random numbers are drawn in the same order whatever the part size, so a
 * seed gives the same entities, links, texts and ids whether they are written as one file or as
 * shards. `sourcesPerPart` sources (of `sentencesPerSource` links each) make one part.
 */
async function drawCorpus(options: SyntheticOptions, sourcesPerPart: number): Promise<SyntheticCorpus> {
  const seed = options.seed ?? 20191124;
  const random = seededRandom(seed);
  const relationshipCount = options.relationships;
  const entityCount = Math.max(50, options.entities ?? Math.round(relationshipCount / 10));
  const perSource = options.sentencesPerSource ?? 250;
  const vocabulary = await articleVocabulary();
  const types = Object.keys(vocabulary).sort();

  // Entities, grouped by kind; within a kind, a lower index is a bigger hub.
  const byKind = new Map<EntityKind, DatasetEntity[]>(ENTITY_KINDS.map((k) => [k, []]));
  const entities: DatasetEntity[] = [];
  let index = 0;
  for (const kind of ENTITY_KINDS) {
    const count = Math.max(3, Math.round(entityCount * KIND_SHARE[kind]));
    for (let i = 0; i < count; i += 1, index += 1) {
      const suffixes = SUFFIX[kind];
      const name = `${coreName(index)}${suffixes[index % suffixes.length] ?? ''}`;
      const entity: DatasetEntity = {
        id: slug(name),
        kind,
        name,
        aliases: [],
        // Search must find other spellings too; these never occur in a source, like 陈全国.
        backgroundAliases: random() < 0.1 ? [`${name.split(' ').reverse().join(', ')} (alt.)`] : [],
        description: `A synthetic ${kind.toLowerCase()} of the benchmark corpus.`,
        numbers: {},
      };
      if (kind === 'Person' && random() < 0.2) {
        entity.official = true;
        entity.role = 'Party official';
      }
      if (kind === 'Event') entity.date = randomDate(random);
      if (kind === 'Document' && random() < 0.3) {
        entity.numbers = { pages: { value: 1 + Math.floor(random() * 500), qualifier: 'exactly' } };
      }
      byKind.get(kind)?.push(entity);
      entities.push(entity);
    }
  }
  const asserters = [
    ...(byKind.get('Organization') ?? []).slice(0, 8),
    ...(byKind.get('Group') ?? []).slice(0, 4),
  ];

  // Heavy tail: index = n * u^2 puts a share of about 1/sqrt(n) of all picks on the first entity.
  const pick = (kinds: readonly EntityKind[]): DatasetEntity => {
    const kind = kinds[Math.floor(random() * kinds.length)] ?? 'Person';
    const list = byKind.get(kind) ?? [];
    return list[Math.floor(list.length * random() ** 2)] ?? (list[0] as DatasetEntity);
  };

  // Links already drawn, as numbers (from, type, to): a million strings would cost ~100 MB.
  const entityIndex = new Map(entities.map((e, i) => [e.id, i]));
  const linkKey = (from: DatasetEntity, type: number, to: DatasetEntity): number =>
    ((entityIndex.get(from.id) ?? 0) * types.length + type) * entities.length + (entityIndex.get(to.id) ?? 0);

  function* parts(): Generator<SyntheticPart> {
    let part: SyntheticPart = { sources: [], relationships: [] };
    let drawn = 0;
    let sourceCount = 0;
    let text = '';
    let inSource = 0;
    const flush = (): void => {
      sourceCount += 1;
      const number = sourceCount;
      const id = `synthetic-${pad(number, 5)}`;
      part.sources.push({
        id,
        path: `sources/${id}.txt`,
        title: `Synthetic report ${number}`,
        publisher: 'Trove benchmark generator',
        date: {
          start: `20${10 + (number % 10)}-${pad(1 + (number % 12))}-${pad(1 + (number % 28))}`,
          precision: 'day',
        },
        contentHash: sha256(Buffer.from(text, 'utf8')),
        excludeFromMentions: [],
        text,
      });
      text = '';
      inSource = 0;
    };

    const seen = new Set<number>();
    const mentioned = new Set<string>();
    const allKinds = [...ENTITY_KINDS];
    for (let n = 0; drawn < relationshipCount; n += 1) {
      const typeIndex = Math.floor(random() * types.length);
      const type = types[typeIndex] ?? 'CONCERNS';
      const def = vocabulary[type];
      const from = pick(def?.from ?? allKinds);
      const to = pick(def?.to ?? allKinds);
      const key = linkKey(from, typeIndex, to);
      if (from.id === to.id || seen.has(key)) {
        if (n > relationshipCount * 20) throw new Error('cannot draw enough distinct links; add entities');
        continue;
      }
      seen.add(key);
      if (text === '') text = `Synthetic report ${sourceCount + 1}\n\n`;
      const date = random() < 0.3 ? randomDate(random) : undefined;
      const verb = type.toLowerCase().replace(/_/g, ' ');
      const claim = `${from.name} ${verb} ${to.name}${date ? dateText(date) : ''}`;
      let sentence = `${claim}.`;
      let attribution: { by: string[]; stance: Stance } | undefined;
      const roll = random();
      if (roll < 0.2 && asserters.length > 0) {
        const by = asserters[Math.floor(random() * asserters.length)] as DatasetEntity;
        const stances: readonly [Stance, string][] = [
          ['reported', 'reports that'],
          ['claimed', 'claims that'],
          ['disputed', 'disputes that'],
          ['denied', 'denies that'],
        ];
        const [stance, says] = stances[Math.floor(random() * stances.length)] ?? ['reported', 'reports that'];
        if (by.id !== from.id && by.id !== to.id) {
          attribution = { by: [by.id], stance };
          sentence = `${by.name} ${says} ${claim}.`;
          mentioned.add(by.id);
        }
      }
      mentioned.add(from.id);
      mentioned.add(to.id);
      const start = text.length;
      text += sentence;
      const end = text.length;
      text += (inSource + 1) % 6 === 0 ? '\n\n' : ' ';
      const sourceId = `synthetic-${pad(sourceCount + 1, 5)}`;
      drawn += 1;
      const relationship: SyntheticRelationship = {
        id: `${slug(type)}-${drawn}`,
        type,
        from: from.id,
        to: to.id,
        description: `${claim}.`,
        claims: [{ source: sourceId, quote: sentence, start, end, ...(attribution ?? {}) }],
      };
      if (date) relationship.date = date;
      part.relationships.push(relationship);
      inSource += 1;
      if (inSource >= perSource) flush();
      if (part.sources.length >= sourcesPerPart) {
        yield part;
        part = { sources: [], relationships: [] };
      }
    }
    if (text !== '') flush();
    if (part.sources.length > 0) yield part;
    // Entities that no drawn link names are not in any text: say so, as the format requires.
    for (const entity of entities) {
      if (!mentioned.has(entity.id)) entity.noMentionReason = 'No generated report names it.';
    }
  }
  return { vocabulary, entities, seed, parts: parts() };
}

/** An entity as the file writes it: empty lists and records left out. */
function entityRecord({ aliases: _a, numbers, backgroundAliases, ...entity }: DatasetEntity): object {
  return {
    ...entity,
    ...(backgroundAliases.length > 0 ? { backgroundAliases } : {}),
    ...(Object.keys(numbers).length > 0 ? { numbers } : {}),
  };
}

const sourceRecord = ({
  excludeFromMentions: _unused,
  text: _text,
  ...source
}: DatasetSource & { text: string }): object => source;

function corpusDescription(corpus: SyntheticCorpus, relationships: number): string {
  return `Synthetic benchmark corpus: ${corpus.entities.length} entities, ${relationships} relationships, seed ${corpus.seed}.`;
}

/** Writes `dataset.json` and its source texts into `outDir`; returns the dataset's path. */
export async function writeSyntheticDataset(
  outDir: string,
  options: SyntheticOptions,
): Promise<SyntheticResult> {
  const corpus = await drawCorpus(options, Number.POSITIVE_INFINITY);
  await mkdir(join(outDir, 'sources'), { recursive: true });
  const sources: object[] = [];
  const relationships: SyntheticRelationship[] = [];
  for (const part of corpus.parts) {
    for (const source of part.sources) {
      await writeFile(join(outDir, String(source.path)), source.text);
      sources.push(sourceRecord(source));
    }
    relationships.push(...part.relationships);
  }
  const dataset = {
    format: FORMAT_VERSION,
    description: corpusDescription(corpus, relationships.length),
    sources,
    vocabulary: { relationshipTypes: corpus.vocabulary },
    entities: corpus.entities.map(entityRecord),
    relationships,
  };
  const file = join(outDir, 'dataset.json');
  // JSON, not YAML: at a million links the YAML parser takes minutes, JSON.parse seconds.
  await writeFile(file, JSON.stringify(dataset));
  return {
    file,
    entities: corpus.entities.length,
    relationships: relationships.length,
    sources: sources.length,
  };
}

/** Sources per shard file: 100 sources of 250 sentences are 25,000 links, the most held at once. */
export const SOURCES_PER_SHARD = 100;

/**
 * The same corpus as writeSyntheticDataset (same seed, same records) as a sharded dataset that is
 * never whole in memory (seed/src/shards.ts reads it): `entities.json` holds every entity, and each
 * `shard-NNNN.json` is a complete dataset of its own (its sources, the entities their sentences
 * name, their links), so it is validated like any dataset file. entities.json is written last: its
 * presence says the shards are complete. Returns the path of entities.json.
 */
export async function writeSyntheticShards(
  outDir: string,
  options: SyntheticOptions & { sourcesPerShard?: number },
): Promise<SyntheticResult> {
  const corpus = await drawCorpus(options, options.sourcesPerShard ?? SOURCES_PER_SHARD);
  await mkdir(join(outDir, 'sources'), { recursive: true });
  const shards: string[] = [];
  let relationships = 0;
  let sources = 0;
  for (const part of corpus.parts) {
    for (const source of part.sources) await writeFile(join(outDir, String(source.path)), source.text);
    const named = new Set(
      part.relationships.flatMap((r) => [r.from, r.to, ...r.claims.flatMap((c) => c.by ?? [])]),
    );
    const name = `shard-${pad(shards.length + 1, 4)}.json`;
    await writeFile(
      join(outDir, name),
      JSON.stringify({
        format: FORMAT_VERSION,
        description: `Shard ${shards.length + 1} of a synthetic benchmark corpus, seed ${corpus.seed}.`,
        sources: part.sources.map(sourceRecord),
        vocabulary: { relationshipTypes: corpus.vocabulary },
        // In the order of entities.json, so that a shard reads the same way every time.
        entities: corpus.entities.filter((e) => named.has(e.id)).map(entityRecord),
        relationships: part.relationships,
      }),
    );
    shards.push(name);
    relationships += part.relationships.length;
    sources += part.sources.length;
  }
  const file = join(outDir, 'entities.json');
  await writeFile(
    file,
    JSON.stringify({
      format: FORMAT_VERSION,
      description: corpusDescription(corpus, relationships),
      vocabulary: { relationshipTypes: corpus.vocabulary },
      entities: corpus.entities.map(entityRecord),
      shards,
    }),
  );
  return { file, entities: corpus.entities.length, relationships, sources };
}
