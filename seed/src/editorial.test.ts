// The editorial checks, each on the kind of slip the fact-check of issue 21 found in the article's
// dataset and story, and on the faithful version of the same text.
import { describe, expect, it } from 'vitest';
import { datasetSchema, type DatasetFile } from './dataset.js';
import {
  droppedQualifiers,
  editorialWarnings,
  hedgeWord,
  misplacedQuotationMarks,
  numbersIn,
  quotedFragments,
  sourceQuotations,
  storyWarnings,
  unsupportedFragments,
} from './editorial.js';

const article =
  'Human rights groups and outside experts say more than “one million” Uighurs have been rounded up. ' +
  'The “leak” also suggests that there has been some “discontent” within the party. ' +
  'The papers look into the highly “secretive” Communist Party’s controversial “crackdown”. ' +
  'Officials were instructed to say the family members had been infected with the “virus of extremist” thinking. ' +
  'Wang released on his own initiative more than 7,000 people, according to a leaked “confession” by Wang.';

const quote = (needle: string): { source: string; quote: string; start: number; end: number } => {
  const start = article.indexOf(needle);
  if (start < 0) throw new Error(`not in the article: ${needle}`);
  return { source: 'a', quote: needle, start, end: start + needle.length };
};

function dataset(overrides: Partial<Record<'entities' | 'relationships', unknown[]>>): DatasetFile {
  return datasetSchema.parse({
    format: 'trove-dataset/1',
    sources: [
      { id: 'a', path: 'a.txt', title: 'A', publisher: 'P', contentHash: `sha256:${'0'.repeat(64)}` },
    ],
    vocabulary: { relationshipTypes: { OPPOSED: { description: 'x' }, CARRIED_OUT: { description: 'x' } } },
    entities: [
      { id: 'dissenters', kind: 'Group', name: 'Dissenters', description: 'Some people.' },
      { id: 'crackdown', kind: 'Event', name: 'Crackdown', description: 'A crackdown.' },
      { id: 'leak', kind: 'Event', name: 'Leak', description: 'A leak.' },
      { id: 'wang', kind: 'Person', name: 'Wang', description: 'A man.' },
      {
        id: 'release',
        kind: 'Event',
        name: 'Release',
        numbers: { released: { value: 7000, qualifier: 'more than' } },
        description: 'A release.',
      },
    ],
    ...overrides,
  });
}

const texts = new Map([['a', article]]);

describe('quoted words', () => {
  it('reads curly and straight quotations, without the punctuation at their edges', () => {
    expect(quotedFragments('the “organs of dictatorship,” and "no mercy." and Xi’s speech')).toEqual([
      'organs of dictatorship',
      'no mercy',
    ]);
  });

  it('flags quoted words that are not in the quote, whatever the quotation marks and case', () => {
    expect(unsupportedFragments('“Discontent” and "one million"', [article])).toEqual([]);
    expect(unsupportedFragments('a “massive” leak', [article])).toEqual(['massive']);
  });

  it('flags quotation marks the source does not have around a word or two, or moved ones', () => {
    const quotations = sourceQuotations([article]);
    // Issue 21: the party's "controversial" crackdown; the “virus” of extremist thinking.
    expect(misplacedQuotationMarks('its "controversial" crackdown', quotations)).toEqual([
      'puts "controversial" in quotation marks, which the source does not',
    ]);
    expect(misplacedQuotationMarks('infected with the “virus” of extremist thinking', quotations)).toEqual([
      'moves the quotation marks: the source quotes "virus of extremist", not "virus"',
    ]);
    expect(misplacedQuotationMarks('its controversial “crackdown”', quotations)).toEqual([]);
    expect(misplacedQuotationMarks('the “virus of extremist” thinking', quotations)).toEqual([]);
    // Part of a longer quotation, quoted as such, is fine; so is a long verbatim passage.
    expect(misplacedQuotationMarks('the “virus” they spoke of', quotations)).toEqual([]);
    expect(misplacedQuotationMarks('“more than 7,000 people”', quotations)).toEqual([]);
  });
});

describe('numbers and qualifiers', () => {
  it('reads numbers in digits and words with the qualifier before them', () => {
    expect(numbersIn('more than “one million” and 7,000 and at least 31 in 2014')).toEqual([
      { value: 1_000_000, qualifier: 'more than', text: 'more than “one million' },
      { value: 7000, qualifier: null, text: '7,000' },
      { value: 31, qualifier: 'at least', text: 'at least 31' },
      { value: 2014, qualifier: null, text: '2014' },
    ]);
  });

  it('flags a number that drops or changes the qualifier its source gives it', () => {
    // Issue 21: the story's "Wang Yongzhi releases 7,000".
    expect(droppedQualifiers('Wang Yongzhi releases 7,000', [article])).toEqual([
      '"7,000" drops its qualifier: the source says "more than 7,000"',
    ]);
    expect(droppedQualifiers('about 7,000 people', [article])).toEqual([
      '"about 7,000": the source\'s qualifier is "more than", not "about"',
    ]);
    expect(droppedQualifiers('more than 7,000 people and one million', ['one million'])).toEqual([]);
    expect(droppedQualifiers('More than one million people', [article])).toEqual([]);
  });

  it("uses an entity's own qualified numbers when the sources do not give the number", () => {
    expect(droppedQualifiers('released 7,000', [], new Map([[7000, 'more than']]))).toHaveLength(1);
    expect(droppedQualifiers('killed 31', [], new Map([[31, 'exactly']]))).toEqual([]);
  });
});

describe('hedges', () => {
  it('finds reporting words, not an instruction "to say" nor the noun "reports"', () => {
    expect(hedgeWord('The “leak” also suggests that')).toBe('suggests');
    expect(hedgeWord('more than 7,000 people, according to a leaked “confession”')).toBe('according to');
    expect(hedgeWord('rights groups have reported that')).toBe('have reported');
    expect(hedgeWord('Officials were instructed to say the students’ family members')).toBeNull();
    expect(hedgeWord('directives and reports on the “surveillance and control”')).toBeNull();
  });
});

describe('editorialWarnings on a dataset', () => {
  const suggests = quote('The “leak” also suggests that there has been some “discontent” within the party.');

  it('warns about a relationship whose quote hedges but which has no attribution', () => {
    const warnings = editorialWarnings(
      dataset({
        relationships: [
          {
            id: 'dissenters-opposed-crackdown',
            type: 'OPPOSED',
            from: 'dissenters',
            to: 'crackdown',
            description: 'The leak suggests some “discontent” within the party.',
            evidence: [suggests],
          },
        ],
      }),
      texts,
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        record: 'relationships[0] "dissenters-opposed-crackdown"',
        path: ['relationships', 0, 'evidence', 0],
        problem: expect.stringContaining('a claim says "suggests" but names no asserter'),
      }),
    ]);
  });

  it('is silent about the same relationship with its attribution', () => {
    const warnings = editorialWarnings(
      dataset({
        relationships: [
          {
            id: 'dissenters-opposed-crackdown',
            type: 'OPPOSED',
            from: 'dissenters',
            to: 'crackdown',
            description: 'The leak suggests some “discontent” within the party.',
            attribution: { by: 'leak', stance: 'reported' },
            evidence: [suggests],
          },
        ],
      }),
      texts,
    );
    expect(warnings).toEqual([]);
  });

  it('warns about descriptions that quote what the quote does not say, drop a qualifier or an attribution', () => {
    const release = quote(
      'Wang released on his own initiative more than 7,000 people, according to a leaked “confession” by Wang.',
    );
    const warnings = editorialWarnings(
      dataset({
        relationships: [
          {
            id: 'wang-carried-out-release',
            type: 'CARRIED_OUT',
            from: 'wang',
            to: 'release',
            description: 'Wang “freed” 7,000 people.',
            attribution: { by: 'leak', stance: 'reported' },
            evidence: [release],
          },
        ],
      }),
      texts,
    ).map((w) => w.problem);
    expect(warnings).toEqual([
      'description quotes "freed", which is not in its evidence',
      'description: "7,000" drops its qualifier: the source says "more than 7,000"',
      'description states as fact what the relationship attributes to leak (reported): name the asserter or use a reporting verb',
    ]);
  });

  it('checks entity descriptions against the sources and their own numbers', () => {
    const data = dataset({});
    data.entities[4]!.description = 'Wang’s release of 7,000 people from “re-education centres”.';
    expect(editorialWarnings(data, texts).map((w) => w.problem)).toEqual([
      'description quotes "re-education centres", which no source of this dataset contains',
      'description: "7,000" drops its qualifier: the source says "more than 7,000"',
    ]);
  });
});

describe('storyWarnings', () => {
  const data = dataset({
    relationships: [
      {
        id: 'wang-carried-out-release',
        type: 'CARRIED_OUT',
        from: 'wang',
        to: 'release',
        description: 'According to a leaked “confession”, Wang released more than 7,000 people.',
        attribution: { by: 'wang', stance: 'reported' },
        evidence: [
          quote(
            'Wang released on his own initiative more than 7,000 people, according to a leaked “confession” by Wang.',
          ),
        ],
      },
    ],
  });

  it("flags the issue's step 6: a number without its qualifier, and a caption that drops the attribution", () => {
    const warnings = storyWarnings(
      {
        steps: [
          {
            title: 'Wang Yongzhi releases 7,000 and is punished',
            caption: 'Wang Yongzhi released more than 7,000 people on his own initiative.',
            edgeIds: ['wang-carried-out-release'],
            quote: { quote: 'Wang released on his own initiative more than 7,000 people' },
          },
        ],
      },
      data,
      texts,
    );
    expect(warnings.map((w) => [w.path, w.problem])).toEqual([
      [
        ['steps', 0, 'caption'],
        'caption drops the attribution: its quotes say "according to" but the caption has no reporting word',
      ],
      [['steps', 0, 'title'], 'title: "7,000" drops its qualifier: the source says "more than 7,000"'],
    ]);
  });

  it('is silent about the corrected step', () => {
    const warnings = storyWarnings(
      {
        steps: [
          {
            title: 'Wang Yongzhi’s leaked “confession”',
            caption: 'According to a leaked “confession” by Wang, he released more than 7,000 people.',
            edgeIds: ['wang-carried-out-release'],
            quote: null,
          },
        ],
      },
      data,
      texts,
    );
    expect(warnings).toEqual([]);
  });
});
