import { describe, expect, it } from 'vitest';
import type { SourceMentionT } from '../api/types.js';
import { segment } from './segments.js';

const mention = (entityId: string, start: number, end: number): SourceMentionT => ({
  entityId,
  name: entityId,
  kind: 'Person',
  start,
  end,
  text: '',
  curated: false,
});

describe('cutting a source into pieces for the reader', () => {
  const text = 'Chen distributed Xi’s speeches.';

  it('keeps the text whole and marks exactly the quote', () => {
    const pieces = segment(text, [mention('chen', 0, 4), mention('xi', 17, 19)], { start: 5, end: 21 });
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(
      pieces
        .filter((p) => p.marked)
        .map((p) => p.text)
        .join(''),
    ).toBe('distributed Xi’s');
    expect(pieces.find((p) => p.text === 'Xi')?.mention?.entityId).toBe('xi');
  });

  it('splits a mention that the quote starts inside', () => {
    const pieces = segment(text, [mention('chen', 0, 4)], { start: 2, end: 10 });
    expect(pieces.slice(0, 2).map((p) => [p.text, p.mention?.entityId, p.marked])).toEqual([
      ['Ch', 'chen', false],
      ['en', 'chen', true],
    ]);
  });
});
