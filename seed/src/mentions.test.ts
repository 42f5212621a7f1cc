import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMatcher,
  findAutoMentions,
  findOccurrences,
  maskSpans,
  mergeMentions,
  spellingVariants,
} from './mentions.js';

const text = (found: { text: string }[]): string[] => found.map((m) => m.text);

describe('automatic mentions', () => {
  const patterns = [
    { entity: 'xi', text: 'Xi Jinping' },
    { entity: 'xi', text: 'Xi' },
    { entity: 'xj', text: 'Xinjiang' },
    { entity: 'gov', text: 'Xinjiang regional government' },
    { entity: 'chen', text: '陈全国' },
  ];

  it('takes the longest match, so a name is not also found inside a longer one', () => {
    const found = findAutoMentions(
      'President Xi Jinping spoke; Xi’s speech; the Xinjiang regional government.',
      patterns,
    );
    expect(found.map((m) => [m.entity, m.text])).toEqual([
      ['xi', 'Xi Jinping'],
      ['xi', 'Xi'],
      ['gov', 'Xinjiang regional government'],
    ]);
  });

  it('respects word boundaries', () => {
    expect(text(findAutoMentions('Xinjiang, Xinjiangese, XiXi, Xi.', patterns))).toEqual(['Xinjiang', 'Xi']);
  });

  it('matches the first letter in either case and the rest exactly', () => {
    const rights = [{ entity: 'r', text: 'Rights groups' }];
    expect(text(findAutoMentions('rights groups and Rights groups but not RIGHTS GROUPS', rights))).toEqual([
      'rights groups',
      'Rights groups',
    ]);
    expect(spellingVariants('US')).toEqual(['US', 'uS']);
  });

  it('finds names in Chinese script without word boundaries', () => {
    expect(text(findAutoMentions('新疆党委书记陈全国说', patterns))).toEqual(['陈全国']);
  });

  it('finds nothing in blocked spans but still finds names next to them', () => {
    const source = 'a train station in southwestern China';
    const found = findAutoMentions(
      source,
      [
        { entity: 'station', text: 'Train station in southwestern China' },
        { entity: 'sw', text: 'Southwestern China' },
      ],
      [{ start: 0, end: 15 }],
    );
    expect(found).toEqual([{ entity: 'sw', start: 19, end: 37, text: 'southwestern China' }]);
  });

  it('handles names with regular-expression characters', () => {
    expect(findOccurrences('Mr. Xi (the president) met U.S. officials', 'U.S.')).toEqual([
      { start: 27, end: 31 },
    ]);
    expect(findOccurrences('Mr. Xi met', 'Mr. Xi')).toEqual([{ start: 0, end: 6 }]);
  });

  it('masks without moving offsets', () => {
    expect(
      maskSpans('abcdef', [
        { start: 1, end: 3 },
        { start: 2, end: 4 },
      ]),
    ).toBe('a\u0000\u0000\u0000ef');
  });
});

describe('mergeMentions', () => {
  it('lets curated mentions replace overlapping automatic ones, and sorts by position', () => {
    const merged = mergeMentions(
      'src',
      [
        { entity: 'china', start: 0, end: 5, text: 'China' },
        { entity: 'camps', start: 30, end: 35, text: 'camps' },
      ],
      [{ entity: 'government', start: 0, end: 5, text: 'China' }],
    );
    expect(merged).toEqual([
      { entity: 'government', start: 0, end: 5, text: 'China', source: 'src', curated: true },
      { entity: 'camps', start: 30, end: 35, text: 'camps', source: 'src', curated: false },
    ]);
  });

  it('never produces overlapping automatic mentions, and each is the text at its offsets', () => {
    const words = ['Xi', 'Xi Jinping', 'Jinping', 'China', 'Chinese', 'government', 'Chinese government'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, ' ', ', ', 'x', '’s'), { maxLength: 40 }), (parts) => {
        const source = parts.join('');
        const found = createMatcher(words.map((w) => ({ entity: w, text: w })))(source);
        for (const m of found) expect(source.slice(m.start, m.end)).toBe(m.text);
        for (let i = 1; i < found.length; i += 1)
          expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
      }),
    );
  });
});
