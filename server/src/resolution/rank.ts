// Which pairs of entities to compare, and how they rank by name. Comparing every pair is quadratic
// (5·10⁹ pairs at 100k entities); blocking compares only entities that share a blocking key (a word
// or its sound), which keeps the work near-linear. Pure, so the bench measures it without a database.
import { blockingKeys, compareNames } from './names.js';

export interface Candidate {
  id: string;
  name: string;
  aliases: readonly string[];
  kind: string;
  /** Whether the entity is in the scope asked for (one source); pairs need at least one such side. */
  inScope: boolean;
}

export interface RankedPair {
  a: number;
  b: number;
  score: number;
  reasons: string[];
  names: [string, string];
}

/**
 * A key shared by more entities than this says little (a common word: "county", "party"); its block
 * is skipped so the work stays near-linear. True duplicates share rarer keys too (their own words).
 */
export const MAX_BLOCK = 32;

/** What compareNames multiplies a score by when the kinds differ. */
const KIND_MISMATCH_FACTOR = 0.6;

export function notSameKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * One shared key is one word sounding alike; names that are the same share a word *and* its sound,
 * or two words. Single-key pairs never reach a useful score, so they are not compared at all.
 */
function sharesTwoKeys(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < 2) return [...small].some((key) => large.has(key));
  let shared = 0;
  for (const key of small) if (large.has(key) && ++shared >= 2) return true;
  return false;
}

export function rankPairs(
  entities: readonly Candidate[],
  notSame: ReadonlySet<string>,
  minScore: number,
): { pairs: RankedPair[]; compared: number } {
  const blocks = new Map<string, number[]>();
  const keysOf: Set<string>[] = [];
  // A kind mismatch scales the name score by 0.6 (compareNames): above that, only same-kind pairs can
  // qualify, so the kind joins the key and blocks split seven ways.
  const byKind = minScore > KIND_MISMATCH_FACTOR;
  entities.forEach((entity, index) => {
    const keys = blockingKeys(entity);
    keysOf.push(new Set(keys));
    for (const bare of keys) {
      const key = byKind ? `${entity.kind}|${bare}` : bare;
      const block = blocks.get(key);
      if (block) {
        if (block.length <= MAX_BLOCK) block.push(index);
      } else blocks.set(key, [index]);
    }
  });
  const seen = new Set<number>();
  const pairs: RankedPair[] = [];
  let compared = 0;
  const n = entities.length;
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > MAX_BLOCK) continue;
    for (let x = 0; x < block.length; x += 1) {
      for (let y = x + 1; y < block.length; y += 1) {
        const i = block[x] as number;
        const j = block[y] as number;
        const a = entities[i] as Candidate;
        const b = entities[j] as Candidate;
        if (!a.inScope && !b.inScope) continue;
        const key = i < j ? i * n + j : j * n + i;
        if (seen.has(key)) continue;
        seen.add(key);
        if (notSame.has(notSameKey(a.id, b.id))) continue;
        if (!sharesTwoKeys(keysOf[i] as Set<string>, keysOf[j] as Set<string>)) continue;
        compared += 1;
        const match = compareNames(a, b);
        if (match.score < minScore) continue;
        pairs.push({ a: i, b: j, score: match.score, reasons: match.reasons, names: match.names });
      }
    }
  }
  pairs.sort(
    (p, q) =>
      q.score - p.score || ((entities[p.a] as Candidate).id < (entities[q.a] as Candidate).id ? -1 : 1),
  );
  return { pairs, compared };
}

/** The final score: the name decides; shared neighbours add to it, naming both in one sentence takes away. */
export function combinedScore(nameScore: number, sharedNeighbours: number, sameSentence: number): number {
  const score = nameScore + 0.03 * Math.min(sharedNeighbours, 3) - (sameSentence > 0 ? 0.05 : 0);
  return Math.max(0, Math.min(1, Math.round(score * 1000) / 1000));
}
