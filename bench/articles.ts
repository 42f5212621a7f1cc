// Reproducible article text for the import benches (bench/import.ts, bench/import-review.ts).
import { seededRandom } from '../seed/src/random.js';

/**
 * A reproducible article of about `words` words: paragraphs of five sentences, each written by
 * `sentence` from the seeded random numbers, so that every run and every bench reads the same text.
 */
export function seededArticle(
  words: number,
  seed: number,
  sentence: (pick: <T>(list: readonly T[]) => T, random: () => number) => string,
): string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const text = sentence(pick, random);
      sentences.push(text);
      count += text.split(/\s+/).length;
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}
