// The real dataset: valid, every quote verbatim at its offsets, and covering what issue 4 asks for.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetEntity, DatasetRelationship } from './dataset.js';
import { defaultDatasetPath } from './index.js';
import { readDataset, type CompiledDataset } from './read.js';
import { formatErrors } from './validate.js';

const sourcePath = fileURLToPath(new URL('../sources/no-mercy-in-xinjiang.txt', import.meta.url));
// The shared sources folder sits beside every checkout and CI clone (<clone>/../shared); the repo's
// copy must stay byte for byte the article there, so a missing folder is a failure, not a skip.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const sharedCopy = resolve(repoRoot, '../shared/sources/no-mercy-in-xinjiang.txt');

let dataset: CompiledDataset;
let text: string;
let entity: (id: string) => DatasetEntity;
let relationships: (
  filter: Partial<Pick<DatasetRelationship, 'type' | 'from' | 'to'>>,
) => DatasetRelationship[];

beforeAll(async () => {
  const read = await readDataset(defaultDatasetPath);
  if (!read.ok) throw new Error(formatErrors(read.errors));
  dataset = read.dataset;
  text = dataset.sources[0]!.text;
  entity = (id) => {
    const found = dataset.data.entities.find((e) => e.id === id);
    if (!found) throw new Error(`no entity ${id}`);
    return found;
  };
  relationships = (filter) =>
    dataset.data.relationships.filter((r) =>
      Object.entries(filter).every(([k, v]) => r[k as 'type' | 'from' | 'to'] === v),
    );
});

describe('the source copy', () => {
  it('is the article, byte for byte, with the recorded hash', () => {
    const bytes = readFileSync(sourcePath);
    expect(existsSync(sharedCopy), `the shared copy of the article is missing: ${sharedCopy}`).toBe(true);
    expect(bytes.equals(readFileSync(sharedCopy)), `${sourcePath} differs from ${sharedCopy}`).toBe(true);
    expect(dataset.sources[0]!.contentHash).toBe(
      `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    );
    expect(dataset.sources[0]).toMatchObject({
      title: 'No Mercy in Xinjiang',
      publisher: 'Unknown (blog repost)',
    });
  });
});

describe('quotes and mentions', () => {
  it('has every evidence quote verbatim at its offsets', () => {
    for (const rel of dataset.data.relationships) {
      expect(rel.claims.length, rel.id).toBeGreaterThan(0);
      for (const e of rel.claims) expect(text.slice(e.start, e.end), rel.id).toBe(e.quote);
    }
  });

  it('has every mention verbatim at its offsets, without overlaps', () => {
    const sorted = [...dataset.mentions].sort((a, b) => a.start - b.start);
    sorted.forEach((m, i) => {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      if (i > 0) expect(m.start, `${m.entity} at ${m.start}`).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
    });
  });

  it('mentions every entity at least once', () => {
    const mentioned = new Set(dataset.mentions.map((m) => m.entity));
    for (const e of dataset.data.entities) {
      expect(mentioned.has(e.id) || e.noMentionReason !== undefined, e.id).toBe(true);
    }
  });

  it('highlights nothing automatically in the blog footer', () => {
    const footer = dataset.sources[0]!.excludeFromMentions[0]!;
    expect(text.slice(footer.start)).toMatch(/^China defends Xinjiang crackdown/);
    expect(footer.end).toBe(text.length);
    expect(dataset.mentions.filter((m) => m.start >= footer.start)).toEqual([]);
  });

  it('resolves the pronoun and the words that depend on their sentence', () => {
    const at = (needle: string, entityId: string): void => {
      const start = text.indexOf(needle);
      expect(dataset.mentions, needle).toContainEqual(
        expect.objectContaining({ entity: entityId, start, curated: true }),
      );
    };
    at('he said, the fact', 'james-leibold');
    at('China, after initially', 'chinese-government');
    at('a new party chief', 'chen-quanguo');
    at('the party about the crackdown', 'chinese-communist-party');
  });
});

describe('coverage of the article', () => {
  it('has the entities the issue names, with their kinds', () => {
    const expected: Record<string, DatasetEntity['kind']> = {
      'unnamed-leaker': 'Person',
      'xinjiang-papers': 'Document',
      'xi-2014-speech': 'Event',
      'train-station-attack': 'Event',
      'chen-quanguo-appointment': 'Event',
      'chen-tibet-policies': 'Event',
      'wang-yongzhi-investigation': 'Event',
      'wang-yongzhi-release': 'Event',
      'wang-yongzhi-confession': 'Document',
      'returning-students-guide': 'Document',
      'satellite-images': 'Document',
      'internment-camps': 'Facility',
      'chinese-foreign-ministry': 'Organization',
      'xinjiang-regional-government': 'Organization',
      'request-for-comment': 'Event',
      'james-leibold': 'Person',
      'la-trobe-university': 'Organization',
      melbourne: 'Place',
      uighurs: 'Group',
      xinjiang: 'Place',
      'chinese-communist-party': 'Organization',
      'the-leak': 'Event',
      'rights-groups': 'Organization',
      'foreign-media': 'Organization',
      'chinese-government': 'Organization',
    };
    for (const [id, kind] of Object.entries(expected)) expect(entity(id).kind, id).toBe(kind);
    expect(['xi-jinping', 'chen-quanguo', 'wang-yongzhi'].map((id) => entity(id).official)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("keeps the article's numbers with their qualifiers", () => {
    expect(entity('xinjiang-papers').numbers.pages).toEqual({ value: 403, qualifier: 'exactly' });
    expect(entity('train-station-attack').numbers.killed).toEqual({ value: 31, qualifier: 'exactly' });
    expect(entity('wang-yongzhi-release').numbers.released).toEqual({ value: 7000, qualifier: 'more than' });
    expect(entity('mass-internment').numbers.detained).toEqual({ value: 1_000_000, qualifier: 'more than' });
  });

  it('dates what the article dates, with precision', () => {
    expect(entity('xi-2014-speech').date).toEqual({ start: '2014', precision: 'year' });
    expect(entity('chen-quanguo-appointment').date).toEqual({ start: '2016', precision: 'year' });
    expect(entity('wang-yongzhi-investigation').date).toEqual({
      start: '2017',
      end: '2018',
      precision: 'year',
    });
    expect(
      relationships({ type: 'SUBJECT_OF', from: 'wang-yongzhi', to: 'wang-yongzhi-investigation' })[0]?.date,
    ).toEqual({
      start: '2017',
      end: '2018',
      precision: 'year',
    });
  });

  it('has spelling variants and Chinese script, marking what the article does not contain as background', () => {
    expect(entity('uighurs').aliases).toContain('Uighur');
    expect(entity('uighurs').backgroundAliases).toEqual(
      expect.arrayContaining(['Uyghurs', 'Uyghur', '维吾尔族']),
    );
    expect(entity('chinese-communist-party').backgroundAliases).toEqual(
      expect.arrayContaining(['CCP', 'CPC', '中国共产党']),
    );
    expect(entity('xi-jinping').aliases).toEqual(
      expect.arrayContaining(['President Xi', 'President Xi Jinping']),
    );
    expect(entity('xi-jinping').backgroundAliases).toContain('习近平');
    expect(entity('chen-quanguo').backgroundAliases).toContain('陈全国');
    expect(entity('xinjiang').backgroundAliases).toContain('新疆');
  });

  it('keeps both characterisations of the camps, each with its owner', () => {
    const described = relationships({ type: 'DESCRIBED', to: 'internment-camps' });
    const china = described.find((r) => r.from === 'chinese-government');
    expect(china?.claims[0]).toMatchObject({ by: ['chinese-government'], stance: 'claimed' });
    expect(china?.claims[0]?.quote).toContain('“vocational schools”');
    for (const reporter of ['rights-groups', 'foreign-media']) {
      const report = described.find((r) => r.from === reporter);
      expect(report?.claims[0]).toMatchObject({ by: [reporter], stance: 'reported' });
      expect(report?.claims[0]?.quote).toContain('“prisons.”');
    }
    expect(relationships({ type: 'OPERATES', from: 'chinese-government' })[0]?.claims[0]).toMatchObject({
      by: ['chinese-government'],
      stance: 'denied',
    });
  });

  it("attributes what the article attributes: rights groups, Leibold, Wang's confession", () => {
    const by = (id: string): string[] =>
      dataset.data.relationships.find((r) => r.id === id)?.claims[0]?.by ?? [];
    expect(by('uighurs-detained-in-internment-camps-per-rights-groups')).toEqual([
      'rights-groups',
      'outside-experts',
    ]);
    expect(by('the-leak-confirms-mass-internment')).toEqual(['james-leibold']);
    expect(by('wang-yongzhi-carried-out-wang-yongzhi-release')).toEqual(['wang-yongzhi-confession']);
    for (const rel of dataset.data.relationships.filter((r) =>
      r.claims.some((c) => c.by.includes('james-leibold')),
    )) {
      expect(
        rel.claims.some((e) => /Leibold|he said/.test(e.quote)),
        rel.id,
      ).toBe(true);
    }
  });

  it('describes every relationship in one plain sentence', () => {
    for (const rel of dataset.data.relationships) {
      expect(rel.description, rel.id).toMatch(/^[A-Z“].*[.”]$/);
      expect(rel.description.split(/[.!?]\s+[A-Z]/).length, rel.id).toBe(1);
    }
  });

  it('uses every relationship type of its vocabulary', () => {
    const used = new Set(dataset.data.relationships.map((r) => r.type));
    expect(Object.keys(dataset.data.vocabulary.relationshipTypes).filter((t) => !used.has(t))).toEqual([]);
  });
});
