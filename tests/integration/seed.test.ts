// The seed against a real Neo4j: schema, the article graph as stored, idempotence, atomicity,
// rejection of broken datasets, merging of a second source, and the CLI.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  applySchema,
  DatasetInvalidError,
  defaultDatasetPath,
  formatErrors,
  InjectedFailureError,
  loadDataset,
  readDataset,
  seedIfEmpty,
  totals,
  type CompiledDataset,
} from '../../seed/src/index.js';
import { writeSyntheticDataset } from '../../seed/src/synthetic.js';
import { writeRingDataset } from '../support/datasets.js';
import {
  countAll,
  getDriver,
  graphSnapshot,
  resetToArticle as resetAll,
  wipeDatabase as wipeAll,
} from '../support/neo4j.js';

const root = resolve(import.meta.dirname, '../..');
const secondSourcePath = join(root, 'seed/fixtures/second-source.yaml');
const execFileAsync = promisify(execFile);

let driver: Driver;
let article: CompiledDataset;

async function query<T = Record<string, unknown>>(
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const { records } = await driver.executeQuery(cypher, params);
  return records.map((r) => r.toObject() as T);
}

function toPlainCounts(record: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Number(v)]));
}

const snapshot = (): Promise<string[]> => graphSnapshot(driver);

const wipeDatabase = (): Promise<void> => wipeAll(driver);
const resetToArticle = (): Promise<void> => resetAll(driver);

beforeAll(async () => {
  driver = getDriver();
  const read = await readDataset(defaultDatasetPath);
  if (!read.ok) throw new Error(formatErrors(read.errors));
  article = read.dataset;
  await resetToArticle();
});

afterAll(async () => {
  await resetToArticle();
});

describe('schema', () => {
  it('has the unique constraints, the full-text index and per-type id constraints', async () => {
    const constraints = await query<{
      name: string;
      type: string;
      labelsOrTypes: string[];
      properties: string[];
    }>(
      'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties',
    );
    const names = constraints.map((c) => c.name);
    expect(names).toContain('entity_id');
    expect(names).toContain('source_id');
    for (const type of Object.keys(article.data.vocabulary.relationshipTypes)) {
      expect(constraints).toContainEqual(
        expect.objectContaining({
          type: 'RELATIONSHIP_UNIQUENESS',
          labelsOrTypes: [type],
          properties: ['id'],
        }),
      );
    }
    const [fulltext] = await query<{
      state: string;
      properties: string[];
      options: { indexConfig: Record<string, unknown> };
    }>(
      "SHOW FULLTEXT INDEXES YIELD name, state, properties, options WHERE name = 'entity_search' RETURN state, properties, options",
    );
    expect(fulltext?.state).toBe('ONLINE');
    expect(fulltext?.properties).toEqual(['name', 'aliases']);
    expect(fulltext?.options.indexConfig['fulltext.analyzer']).toBe('standard-folding');
  });

  it('is idempotent', async () => {
    const before = await query('SHOW INDEXES YIELD name RETURN name ORDER BY name');
    await applySchema(driver);
    expect(await query('SHOW INDEXES YIELD name RETURN name ORDER BY name')).toEqual(before);
  });

  it('finds entities by name and alias, case- and accent-insensitively, in Chinese script too', async () => {
    const search = async (q: string): Promise<string[]> =>
      (
        await query<{ id: string }>(
          "CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN node.id AS id LIMIT 5",
          { q },
        )
      ).map((r) => r.id);
    expect(await search('uyghurs')).toContain('uighurs');
    expect(await search('UIGHUR')).toContain('uighurs');
    expect(await search('陈全国')).toContain('chen-quanguo');
    expect(await search('CCP')).toContain('chinese-communist-party');
    expect(await search('Chén Quánguó')).toContain('chen-quanguo');
  });
});

describe('the article graph', () => {
  it('holds every record of the dataset once', async () => {
    const [counts] = await query<{ entities: number; sources: number; rels: number; mentions: number }>(
      `CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
       CALL () { MATCH (s:Source) RETURN count(s) AS sources }
       CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS rels }
       CALL () { MATCH ()-[m:MENTIONED_IN]->() RETURN count(m) AS mentions }
       RETURN toFloat(entities) AS entities, toFloat(sources) AS sources, toFloat(rels) AS rels, toFloat(mentions) AS mentions`,
    );
    expect(counts).toEqual({
      entities: article.data.entities.length,
      sources: 1,
      rels: article.data.relationships.length,
      mentions: article.mentions.length,
    });
  });

  it('stores kinds as labels and property, officials with the Official label', async () => {
    const rows = await query<{ id: string; labels: string[]; kind: string }>(
      'MATCH (e:Entity) RETURN e.id AS id, labels(e) AS labels, e.kind AS kind',
    );
    for (const row of rows) {
      const record = article.data.entities.find((e) => e.id === row.id)!;
      const expected = ['Entity', record.kind, ...(record.official ? ['Official'] : [])].sort();
      expect(row.labels.sort(), row.id).toEqual(expected);
      expect(row.kind).toBe(record.kind);
    }
    const officials = await query<{ id: string }>('MATCH (p:Person:Official) RETURN p.id AS id ORDER BY id');
    expect(officials.map((o) => o.id)).toEqual(['chen-quanguo', 'wang-yongzhi', 'xi-jinping']);
  });

  it('keeps the source with its text, title, publisher and hash', async () => {
    const [source] = await query<{ s: { properties: Record<string, unknown> } }>(
      "MATCH (s:Source {id: 'no-mercy-in-xinjiang'}) RETURN s",
    );
    const text = await readFile(join(root, 'seed/sources/no-mercy-in-xinjiang.txt'), 'utf8');
    const props = source!.s.properties;
    expect(props.text).toBe(text);
    expect(props.title).toBe('No Mercy in Xinjiang');
    expect(props.publisher).toBe('Unknown (blog repost)');
    expect(props.contentHash).toBe(article.sources[0]!.contentHash);
    expect(neo4j.isInt(props.length) && (props.length as { toNumber(): number }).toNumber()).toBe(
      text.length,
    );
  });

  it('has every evidence quote and every mention verbatim at its offsets, stored as integers', async () => {
    const [{ text }] = (await query<{ text: string }>(
      "MATCH (s:Source {id: 'no-mercy-in-xinjiang'}) RETURN s.text AS text",
    )) as [{ text: string }];
    const rels = await query<{
      id: string;
      sources: string[];
      starts: unknown[];
      ends: unknown[];
      quotes: string[];
    }>(
      `MATCH (:Entity)-[r]->(:Entity)
       RETURN r.id AS id, r.evidenceSource AS sources, r.evidenceStart AS starts, r.evidenceEnd AS ends, r.evidenceQuote AS quotes`,
    );
    expect(rels).toHaveLength(article.data.relationships.length);
    for (const rel of rels) {
      expect(rel.quotes.length, rel.id).toBeGreaterThan(0);
      expect([rel.sources.length, rel.starts.length, rel.ends.length]).toEqual([
        rel.quotes.length,
        rel.quotes.length,
        rel.quotes.length,
      ]);
      rel.quotes.forEach((quote, i) => {
        expect(neo4j.isInt(rel.starts[i])).toBe(true);
        const start = Number(rel.starts[i]);
        const end = Number(rel.ends[i]);
        expect(text.slice(start, end), rel.id).toBe(quote);
      });
    }
    const mentions = await query<{ start: unknown; end: unknown; text: string }>(
      'MATCH (:Entity)-[m:MENTIONED_IN]->(:Source) RETURN m.start AS start, m.end AS end, m.text AS text',
    );
    for (const m of mentions) {
      expect(neo4j.isInt(m.start)).toBe(true);
      expect(text.slice(Number(m.start), Number(m.end))).toBe(m.text);
    }
  });

  it("stores the article's numbers with their qualifiers", async () => {
    const rows = await query<{ id: string; props: Record<string, unknown> }>(
      "MATCH (e:Entity) WHERE e.id IN ['xinjiang-papers', 'train-station-attack', 'wang-yongzhi-release', 'mass-internment'] RETURN e.id AS id, properties(e) AS props",
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.props]));
    const number = (id: string, name: string): [number, unknown] => [
      Number(byId[id]?.[name]),
      byId[id]?.[`${name}Qualifier`],
    ];
    expect(number('xinjiang-papers', 'pages')).toEqual([403, 'exactly']);
    expect(number('train-station-attack', 'killed')).toEqual([31, 'exactly']);
    expect(number('wang-yongzhi-release', 'released')).toEqual([7000, 'more than']);
    expect(number('mass-internment', 'detained')).toEqual([1_000_000, 'more than']);
    expect(neo4j.isInt(byId['xinjiang-papers']?.pages)).toBe(true);
  });

  it('keeps both characterisations of the camps, each with its owner and stance', async () => {
    const rows = await query<{ id: string; by: string[]; stance: string }>(
      "MATCH (a)-[r:DESCRIBED|OPERATES]->(:Facility {id: 'internment-camps'}) RETURN r.id AS id, r.assertedBy AS by, r.stance AS stance ORDER BY id",
    );
    expect(rows).toEqual([
      { id: 'chinese-government-described-internment-camps', by: ['chinese-government'], stance: 'claimed' },
      { id: 'chinese-government-operates-internment-camps', by: ['chinese-government'], stance: 'denied' },
      { id: 'foreign-media-described-internment-camps', by: ['foreign-media'], stance: 'reported' },
      { id: 'rights-groups-described-internment-camps', by: ['rights-groups'], stance: 'reported' },
    ]);
  });

  it('stores dates as ISO prefixes with their precision, and no attribution where the article speaks itself', async () => {
    const [investigation] = await query<{ props: Record<string, unknown> }>(
      "MATCH ()-[r {id: 'wang-yongzhi-subject-of-wang-yongzhi-investigation'}]->() RETURN properties(r) AS props",
    );
    expect(investigation?.props).toMatchObject({ dateStart: '2017', dateEnd: '2018', datePrecision: 'year' });
    expect(investigation?.props).not.toHaveProperty('assertedBy');
    expect(investigation?.props).not.toHaveProperty('stance');
    const [speech] = await query<{ props: Record<string, unknown> }>(
      "MATCH (e:Event {id: 'xi-2014-speech'}) RETURN properties(e) AS props",
    );
    expect(speech?.props).toMatchObject({ dateStart: '2014', datePrecision: 'year' });
    expect(speech?.props).not.toHaveProperty('dateEnd');
  });
});

describe('loading', () => {
  it('is idempotent: a second run creates and updates nothing', async () => {
    const before = await snapshot();
    const counts = await countAll();
    const summary = await loadDataset(driver, defaultDatasetPath);
    expect(summary.created).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(summary.updated).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(summary.unchanged).toEqual({
      sources: 1,
      entities: article.data.entities.length,
      relationships: article.data.relationships.length,
      mentions: article.mentions.length,
    });
    expect(await countAll()).toEqual(counts);
    expect(await snapshot()).toEqual(before);
  });

  it('seedIfEmpty leaves a seeded database alone', async () => {
    expect(await seedIfEmpty(driver)).toBeNull();
  });

  it('counts everything as created on an empty database, and reports progress', async () => {
    await wipeDatabase();
    const progress: number[] = [];
    const summary = await seedIfEmpty(driver, { batchSize: 25, onProgress: (p) => progress.push(p.done) });
    expect(summary?.created).toEqual({
      sources: 1,
      entities: article.data.entities.length,
      relationships: article.data.relationships.length,
      mentions: article.mentions.length,
    });
    const total =
      1 + article.data.entities.length + article.data.relationships.length + article.mentions.length;
    expect(progress.at(-1)).toBe(total);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('leaves the database as it was when a load fails half-way', async () => {
    await wipeDatabase();
    await expect(
      loadDataset(driver, defaultDatasetPath, { batchSize: 10, failAfterBatches: 4 }),
    ).rejects.toBeInstanceOf(InjectedFailureError);
    expect(await countAll()).toEqual({ nodes: 0, relationships: 0 });

    await resetToArticle();
    const before = await snapshot();
    await expect(
      loadDataset(driver, secondSourcePath, { batchSize: 1, failAfterBatches: 3 }),
    ).rejects.toBeInstanceOf(InjectedFailureError);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a large dataset', () => {
  afterAll(async () => {
    await resetToArticle();
  });

  it('loads 6,000 entities and relationships in one transaction, with progress, and merges on reload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trove-seed-large-'));
    try {
      const n = 6000;
      const file = writeRingDataset(dir, n, 'large');
      const phases = new Set<string>();
      const summary = await loadDataset(driver, file, { onProgress: (p) => phases.add(p.phase) });
      expect(summary.created).toEqual({ sources: 1, entities: n, relationships: n, mentions: 2 * n });
      expect([...phases]).toEqual(['sources', 'entities', 'relationships', 'mentions']);
      const again = await loadDataset(driver, file);
      expect(again.unchanged).toEqual({ sources: 1, entities: n, relationships: n, mentions: 2 * n });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Two loads of 24,000 records, one of them YAML: slow on a busy two-core machine.
  }, 120_000);
});

describe('a second source', () => {
  beforeAll(async () => {
    await resetToArticle();
  });

  it('merges into the existing nodes instead of duplicating them', async () => {
    const before = await countAll();
    const summary = await loadDataset(driver, secondSourcePath);
    expect(summary.created).toEqual({ sources: 1, entities: 1, relationships: 1, mentions: 6 });
    // Xi Jinping gains an alias; the speech relationship gains a quote; the rest is as it was.
    expect(summary.updated).toEqual({ sources: 0, entities: 1, relationships: 1, mentions: 0 });
    expect(summary.unchanged).toEqual({ sources: 0, entities: 3, relationships: 0, mentions: 0 });

    const after = await countAll();
    expect(after.nodes).toBe(before.nodes + 2); // the note's Source and its Document entity
    const [xi] = await query<{ n: number; aliases: string[]; background: string[]; sources: string[] }>(
      `MATCH (x:Entity {id: 'xi-jinping'})
       OPTIONAL MATCH (x)-[:MENTIONED_IN]->(s:Source)
       RETURN toFloat(count(DISTINCT x)) AS n, x.aliases AS aliases, x.backgroundAliases AS background, collect(DISTINCT s.id) AS sources`,
    );
    expect(xi?.n).toBe(1);
    expect(xi?.aliases).toEqual(
      expect.arrayContaining(['Xi', 'President Xi', 'President Xi Jinping', 'Mr. Xi', '习近平']),
    );
    expect(xi?.background).toEqual(['习近平']);
    expect(xi?.sources.sort()).toEqual(['no-mercy-in-xinjiang', 'second-look-note']);

    const [speech] = await query<{ sources: string[]; quotes: string[] }>(
      "MATCH (:Entity {id: 'xi-jinping'})-[r:GAVE_SPEECH]->(:Entity {id: 'xi-2014-speech'}) RETURN r.evidenceSource AS sources, r.evidenceQuote AS quotes",
    );
    expect(speech?.sources).toEqual(['no-mercy-in-xinjiang', 'second-look-note']);
    expect(speech?.quotes[1]).toBe('Mr. Xi gave a speech to officials in 2014.');
    const [found] = await query<{ id: string }>(
      "CALL db.index.fulltext.queryNodes('entity_search', '\"Mr. Xi\"') YIELD node RETURN node.id AS id LIMIT 1",
    );
    expect(found?.id).toBe('xi-jinping');
  });

  it('is idempotent too, and reloading the article afterwards keeps what the second source added', async () => {
    const before = await snapshot();
    const again = await loadDataset(driver, secondSourcePath);
    expect(again.created).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(again.updated).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    const articleAgain = await loadDataset(driver, defaultDatasetPath);
    expect(articleAgain.created).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(articleAgain.updated).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(await snapshot()).toEqual(before);
  });
});

describe('broken datasets', () => {
  let dir: string;
  let base: Record<string, unknown>;

  beforeAll(async () => {
    await resetToArticle();
    dir = await mkdtemp(join(tmpdir(), 'trove-seed-'));
    await writeFile(
      join(dir, 'second-source.txt'),
      await readFile(join(root, 'seed/fixtures/second-source.txt')),
    );
    base = parse(await readFile(secondSourcePath, 'utf8')) as Record<string, unknown>;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  type Dataset = {
    sources: Record<string, unknown>[];
    entities: Record<string, unknown>[];
    relationships: Record<string, unknown>[];
    vocabulary: { relationshipTypes: Record<string, unknown> };
  };
  const cases: { name: string; breakIt: (d: Dataset) => void; record: string; problem: string }[] = [
    {
      name: 'an unknown relationship type',
      breakIt: (d) => void (d.relationships[1]!.type = 'NAMES'),
      record: 'relationships[1] "second-look-note-concerns-xi-jinping"',
      problem: 'unknown relationship type "NAMES"',
    },
    {
      name: 'an unknown kind',
      breakIt: (d) => void (d.entities[4]!.kind = 'Pamphlet'),
      record: 'entities[4] "second-look-note"',
      problem: 'unknown kind "Pamphlet"',
    },
    {
      name: 'a dangling id',
      breakIt: (d) => void (d.relationships[1]!.to = 'xi-jin-ping'),
      record: 'relationships[1] "second-look-note-concerns-xi-jinping"',
      problem: 'to refers to unknown entity "xi-jin-ping"',
    },
    {
      name: 'a duplicate entity id',
      breakIt: (d) => void (d.entities[3]!.id = 'xi-jinping'),
      record: 'entities[3] "xi-jinping"',
      problem: 'duplicate entity id "xi-jinping"',
    },
    {
      name: 'a quote that is not in the source',
      breakIt: (d) => {
        const e = (d.relationships[1]!.evidence as Record<string, unknown>[])[0]!;
        e.quote = 'Xi Jinping is named in all texts';
      },
      record: 'relationships[1] "second-look-note-concerns-xi-jinping"',
      problem: 'is not verbatim in source "second-look-note"',
    },
    {
      name: 'a quote at the wrong offsets',
      breakIt: (d) => {
        const e = (d.relationships[1]!.evidence as Record<string, { valueOf(): number }>[])[0]!;
        e.start = Number(e.start) + 1;
        e.end = Number(e.end) + 1;
      },
      record: 'relationships[1] "second-look-note-concerns-xi-jinping"',
      problem: 'it occurs at',
    },
    {
      name: 'an impossible date',
      breakIt: (d) => void (d.entities[3]!.date = { start: '2019-02-30', precision: 'day' }),
      record: 'entities[3] "xi-2014-speech"',
      problem: '"2019-02-30" is not a day',
    },
    {
      name: 'missing evidence',
      breakIt: (d) => void (d.relationships[0]!.evidence = []),
      record: 'relationships[0] "xi-jinping-gave-speech-xi-2014-speech"',
      problem: 'missing evidence',
    },
    {
      name: 'a changed source text',
      breakIt: (d) => void (d.sources[0]!.contentHash = `sha256:${'0'.repeat(64)}`),
      record: 'sources[0] "second-look-note"',
      problem: 'hashes to sha256:ba29b6a5',
    },
  ];

  it.each(cases)(
    'rejects $name with its message and writes nothing',
    async ({ breakIt, record, problem }) => {
      const broken = structuredClone(base) as Dataset;
      breakIt(broken);
      const file = join(dir, 'broken.yaml');
      await writeFile(file, stringify(broken));
      const before = await snapshot();
      const error = await loadDataset(driver, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatasetInvalidError);
      const errors = (error as DatasetInvalidError).errors;
      expect(errors).toContainEqual(
        expect.objectContaining({ record, problem: expect.stringContaining(problem) }),
      );
      expect(errors.every((e) => e.file.endsWith('broken.yaml') && e.line !== undefined)).toBe(true);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('rejects a dataset that contradicts the database (an id with another kind) and writes nothing', async () => {
    const broken = structuredClone(base) as Dataset;
    broken.entities[2]!.kind = 'Group'; // xinjiang is a Place in the article
    const file = join(dir, 'conflict.yaml');
    await writeFile(file, stringify(broken));
    const before = await snapshot();
    // Reported as every conflict of the file, with its line, before anything is written.
    const error = (await loadDataset(driver, file).catch((e: unknown) => e)) as DatasetInvalidError;
    expect(error).toBeInstanceOf(DatasetInvalidError);
    expect(formatErrors(error.errors)).toMatch(
      /conflict\.yaml:\d+: entities\[2\] "xinjiang": kind is Group but the database holds it as Place/,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('a batched load (transactions of a few rows)', () => {
  afterAll(async () => {
    await resetToArticle();
  });

  it('writes exactly what one transaction writes, and finds it all unchanged on a re-run', async () => {
    await wipeDatabase();
    await loadDataset(driver, defaultDatasetPath);
    const reference = await snapshot();
    await wipeDatabase();
    const progress: number[] = [];
    const summary = await loadDataset(driver, defaultDatasetPath, {
      transactionSize: 7,
      batchSize: 3,
      onProgress: (p) => progress.push(p.done),
    });
    expect(summary.created).toEqual({
      sources: 1,
      entities: article.data.entities.length,
      relationships: article.data.relationships.length,
      mentions: article.mentions.length,
    });
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(
      1 + article.data.entities.length + article.data.relationships.length + article.mentions.length,
    );
    expect(await snapshot()).toEqual(reference);
    const again = await loadDataset(driver, defaultDatasetPath, { transactionSize: 7 });
    expect(totals(again)).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot()).toEqual(reference);
  });

  it('takes back its committed transactions when it fails part-way', async () => {
    await wipeDatabase();
    await expect(
      loadDataset(driver, defaultDatasetPath, { transactionSize: 20, batchSize: 5, failAfterBatches: 30 }),
    ).rejects.toBeInstanceOf(InjectedFailureError);
    expect(await countAll()).toEqual({ nodes: 0, relationships: 0 });

    // On top of the article: what the second source updated is restored, what it created deleted.
    await resetToArticle();
    const before = await snapshot();
    for (const failAfterBatches of [2, 6, 10]) {
      await expect(
        loadDataset(driver, secondSourcePath, { transactionSize: 3, batchSize: 1, failAfterBatches }),
      ).rejects.toBeInstanceOf(InjectedFailureError);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('completes on a re-run after the process is killed part-way: exact counts, no duplicates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trove-seed-kill-'));
    const tsx = join(root, 'node_modules/.bin/tsx');
    const seed = (): Promise<{ code: number | null; signal: string | null; output: string }> & {
      kill: () => void;
    } => {
      const child = spawn(
        tsx,
        ['seed/src/cli.ts', '--dataset', file, '--transaction-size', '200', '--batch-size', '100'],
        {
          cwd: root,
          env: {
            ...process.env,
            NEO4J_URI: inject('neo4jUri'),
            NEO4J_USER: inject('neo4jUser'),
            NEO4J_PASSWORD: inject('neo4jPassword'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const done = new Promise<{ code: number | null; signal: string | null; output: string }>((r) =>
        child.once('exit', (code, signal) => r({ code, signal, output })),
      );
      return Object.assign(done, { kill: () => child.kill('SIGKILL') });
    };
    const duplicates = async (): Promise<Record<string, unknown>> =>
      (
        await query(`
      CALL () { MATCH (n:Entity) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS entities }
      CALL () { MATCH ()-[r]->() WHERE r.id IS NOT NULL WITH r.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS relationships }
      CALL () { MATCH (e)-[m:MENTIONED_IN]->(s) WITH e, s, m.start AS start, m.end AS end, count(*) AS c WHERE c > 1 RETURN count(*) AS mentions }
      RETURN entities, relationships, mentions`)
      )[0] ?? {};
    let file = '';
    try {
      // About 3,000 links, 300 entities and 6,600 mentions, committed 200 rows at a time.
      ({ file } = await writeSyntheticDataset(dir, { relationships: 3000, seed: 9 }));
      await wipeDatabase();
      const clean = await seed();
      expect(clean.code, clean.output).toBe(0);
      expect(clean.output).toMatch(
        /loaded 3,000 relationships \([\d,]+ records\) in [\d.]+ s \([\d,]+ rel\/s\)/,
      );
      const reference = { counts: await countAll(), content: await snapshot() };

      await wipeDatabase();
      const run = seed();
      // Killed once some links are committed: entities are all in, mentions not yet.
      for (let waited = 0; ; waited += 20) {
        const [row] = await query<{ n: unknown }>(
          "MATCH ()-[r]->() WHERE type(r) <> 'MENTIONED_IN' RETURN count(r) AS n",
        );
        if (Number(row?.n) > 0) break;
        if (waited > 120_000) throw new Error('the seed never committed a relationship');
        await new Promise((r) => setTimeout(r, 20));
      }
      run.kill();
      expect((await run).signal).toBe('SIGKILL');
      const afterKill = await countAll();
      expect(afterKill.relationships).toBeGreaterThan(0);
      expect(afterKill.nodes + afterKill.relationships).toBeLessThan(
        reference.counts.nodes + reference.counts.relationships,
      );

      const rerun = await seed();
      expect(rerun.code, rerun.output).toBe(0);
      expect(await countAll()).toEqual(reference.counts);
      expect(toPlainCounts(await duplicates())).toEqual({ entities: 0, relationships: 0, mentions: 0 });
      expect(await snapshot()).toEqual(reference.content);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('npm run seed', () => {
  const cli = join(root, 'seed/src/cli.ts');
  const tsx = join(root, 'node_modules/.bin/tsx');
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
  });

  beforeAll(async () => {
    await resetToArticle();
  });

  it('loads the default dataset and reports it unchanged on a seeded database', async () => {
    const { stdout } = await execFileAsync(tsx, [cli], { cwd: root, env: env() });
    expect(stdout).toContain('Loaded seed/data/no-mercy-in-xinjiang.yaml');
    expect(stdout).toMatch(new RegExp(`entities\\s+0\\s+0\\s+${article.data.entities.length}\\b`));
  });

  it('loads another dataset with --dataset and prints what it created, updated and left unchanged', async () => {
    const { stdout } = await execFileAsync(tsx, [cli, '--dataset', secondSourcePath], {
      cwd: root,
      env: env(),
    });
    expect(stdout.split('\n').slice(1, 6)).toEqual([
      '                 created  updated  unchanged',
      '  sources              1        0          0',
      '  entities             1        1          3',
      '  relationships        1        1          0',
      '  mentions             6        0          0',
    ]);
  });

  it('exits non-zero with the reason when the database cannot be reached', async () => {
    const failure = await execFileAsync(tsx, [cli], {
      cwd: root,
      env: { ...env(), NEO4J_URI: 'bolt://127.0.0.1:9' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('Seed failed, nothing was written');
  });

  it('--check validates without a database and exits non-zero on errors', async () => {
    const ok = await execFileAsync(tsx, [cli, '--check', secondSourcePath], {
      cwd: root,
      env: { ...env(), NEO4J_URI: 'bolt://127.0.0.1:9' },
    });
    expect(ok.stdout).toContain('is valid');
    const dir = await mkdtemp(join(tmpdir(), 'trove-seed-cli-'));
    try {
      const broken = join(dir, 'broken.yaml');
      await writeFile(broken, 'format: trove-dataset/1\nsources: []\n');
      const failure = await execFileAsync(tsx, [cli, '--check', broken], { cwd: root, env: env() }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toMatch(
        /broken\.yaml:2: sources: .*at least one source/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
