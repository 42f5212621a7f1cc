import { describe, expect, it } from 'vitest';
import { sentenceAround } from './query.js';

const quote = (text: string, name: string) => {
  const start = text.indexOf(name);
  const { from, to } = sentenceAround(text, 0, start, start + name.length);
  return text.slice(from, to);
};

describe('the sentence around a mention', () => {
  const text = 'A note. Uyghurs were held in the camps, said Mr. Xi. Dr. J. Smith agreed! Then nothing.';

  it('does not end at a title or an initial', () => {
    expect(quote(text, 'Uyghurs')).toBe('Uyghurs were held in the camps, said Mr. Xi.');
    expect(quote(text, 'Smith')).toBe('Dr. J. Smith agreed!');
  });

  it('still ends at a sentence end and a line break', () => {
    expect(quote(text, 'nothing')).toBe('Then nothing.');
    expect(quote('First line\nsecond line ends', 'second')).toBe('second line ends');
  });
});
