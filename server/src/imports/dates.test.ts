// Dates found in an imported text, for claim dates: the import parses each wording once (parsing
// them in place copied the whole document per date), and must find what compromise-dates finds.
import nlp from 'compromise';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../seed/src/read.js';
import { findCandidates } from './candidates.js';

/** compromise-dates' own reading of the text, as the import first used it (slow, exact). */
function reference(text: string) {
  const found = (
    nlp(text) as unknown as {
      dates(): {
        json(
          o: object,
        ): { text: string; offset: { start: number; length: number }; dates?: { start?: string } }[];
      };
    }
  )
    .dates()
    .json({ offset: true });
  return found
    .filter((d) => d.dates?.start)
    .map((d) => ({ start: d.offset.start, end: d.offset.start + d.offset.length, text: d.text }));
}

describe('dates in an imported text', () => {
  it('are the dates compromise-dates finds, where it finds them, each with its value', async () => {
    const texts = [
      'In 2014, Xi Jinping spoke in Urumqi. On 3 March 2016 he returned; in 2014 again, and from 2017 to 2018 the camps grew. In August 2016 Chen Quanguo arrived.',
    ];
    for (const path of ['data/no-mercy-in-xinjiang.yaml', 'fixtures/second-source.yaml']) {
      const read = await readDataset(fileURLToPath(new URL(`../../../seed/${path}`, import.meta.url)));
      if (!read.ok) throw new Error(path);
      for (const source of read.dataset.sources) texts.push(source.text);
    }
    for (const text of texts) {
      const { dates } = findCandidates(text, [], []);
      expect(dates.map(({ start, end, text: t }) => ({ start, end, text: t }))).toEqual(reference(text));
      for (const d of dates) expect(text.slice(d.start, d.end)).toBe(d.text);
    }
    const [first] = texts;
    const values = findCandidates(first ?? '', [], []).dates.map((d) => d.value);
    expect(values).toContainEqual({ start: '2014', precision: 'year' });
    expect(values).toContainEqual({ start: '2016-03-03', precision: 'day' });
    expect(values).toContainEqual({ start: '2016-08', precision: 'month' });
  }, 60_000);
});
