// Merge suggestions: rank by name over blocks, then weigh the best pairs by what the graph says
// (shared neighbours, sentences naming both) and show both sides' quotes.
import type { Driver } from 'neo4j-driver';
import type { SuggestionsResponseT } from '../../../contract/resolution.js';
import { readCandidates, readNotSame, readPairEvidence, readSides } from './query.js';
import { combinedScore, notSameKey, rankPairs } from './rank.js';

export interface SuggestInput {
  source?: string;
  limit: number;
  minScore: number;
}

export async function suggestMerges(driver: Driver, input: SuggestInput): Promise<SuggestionsResponseT> {
  const [entities, notSame] = await Promise.all([readCandidates(driver, input.source), readNotSame(driver)]);
  const { pairs, compared } = rankPairs(
    entities,
    new Set(notSame.map(([a, b]) => notSameKey(a, b))),
    input.minScore,
  );
  // The graph's evidence only for the pairs that could make the list: it can move a pair a little.
  const top = pairs.slice(0, input.limit * 3);
  const idsOf = (p: (typeof top)[number]) => ({ a: entities[p.a]?.id ?? '', b: entities[p.b]?.id ?? '' });
  const evidence = await readPairEvidence(driver, top.map(idsOf));
  const scored = top
    .map((pair, i) => {
      const found = evidence[i] ?? { shared: [], sharedCount: 0, sameSentence: 0 };
      const reasons = [...pair.reasons];
      if (found.sharedCount > 0)
        reasons.push(`${found.sharedCount} shared neighbour${found.sharedCount > 1 ? 's' : ''}`);
      if (found.sameSentence > 0)
        reasons.push(
          `named in the same sentence ${found.sameSentence} time${found.sameSentence > 1 ? 's' : ''}`,
        );
      return {
        ...idsOf(pair),
        score: combinedScore(pair.score, found.sharedCount, found.sameSentence),
        reasons,
        names: pair.names,
        sharedNeighbours: found.shared,
        sameSentence: found.sameSentence,
      };
    })
    .sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : 1))
    .slice(0, input.limit);
  const sides = await readSides(driver, [...new Set(scored.flatMap((s) => [s.a, s.b]))]);
  return {
    suggestions: scored.flatMap(({ a, b, ...rest }) => {
      const sideA = sides.get(a);
      const sideB = sides.get(b);
      return sideA && sideB ? [{ a: sideA, b: sideB, ...rest }] : [];
    }),
    entities: entities.length,
    compared,
  };
}
