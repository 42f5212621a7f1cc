// How good the candidates are, measured against curated datasets: their entities (with the mentions
// the seed computes, automatic and curated) are the truth. The floors are what was measured when the
// candidates were built; a change that finds fewer true entities or proposes more noise fails here.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readDataset } from '../../../seed/src/read.js';
import { compareNames } from '../resolution/names.js';
import { findCandidates, type Candidate } from './candidates.js';
import { findKnownMentions, type KnownEntity } from './known-mentions.js';

const fixture = (path: string) => fileURLToPath(new URL(`../../../seed/${path}`, import.meta.url));

interface Truth {
  id: string;
  name: string;
  aliases: string[];
  mentions: { start: number; end: number }[];
}

/** A candidate is right when one of its mentions overlaps a mention of an entity whose name it matches. */
function isRight(candidate: Candidate, truth: readonly Truth[]): Truth | undefined {
  let best: { entity: Truth; score: number } | undefined;
  for (const entity of truth) {
    if (!candidate.mentions.some((m) => entity.mentions.some((t) => m.start < t.end && t.start < m.end)))
      continue;
    const { score } = compareNames(
      { name: candidate.name, aliases: candidate.mentions.map((m) => m.text) },
      entity,
    );
    if (score >= 0.8 && (!best || score > best.score)) best = { entity, score };
  }
  return best?.entity;
}

async function measure(path: string, knownShare = 0) {
  const read = await readDataset(fixture(path));
  if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 3)));
  const { data, mentions, sources } = read.dataset;
  const results = [];
  for (const source of sources) {
    const truth: Truth[] = data.entities
      .map((e) => ({
        id: e.id,
        name: e.name,
        aliases: [...e.aliases, ...e.backgroundAliases],
        mentions: mentions.filter((m) => m.entity === e.id && m.source === source.id),
      }))
      .filter((e) => e.mentions.length > 0);
    // Some entities known (the first share, as if an earlier dataset had them), the rest to find.
    const knownCount = Math.round(truth.length * knownShare);
    const known: KnownEntity[] = data.entities
      .filter((e) => truth.slice(0, knownCount).some((t) => t.id === e.id))
      .map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind,
        aliases: e.aliases,
        backgroundAliases: e.backgroundAliases,
      }));
    const knownMentions = findKnownMentions(source.text, known);
    const { candidates } = findCandidates(source.text, known, knownMentions);
    const unknown = truth.slice(knownCount);
    const right = candidates.filter((c) => isRight(c, unknown));
    const found = new Set(right.map((c) => isRight(c, unknown)?.id));
    const named = unknown.filter((t) => proper(t.name));
    const ofKnown = mentions.filter((m) => m.source === source.id && known.some((k) => k.id === m.entity));
    results.push({
      right: right.length,
      foundCount: found.size,
      named: named.length,
      namedFound: named.filter((t) => found.has(t.id)).length,
      automaticMentionsOfKnown: ofKnown.filter((m) => !m.curated).length,
      automaticFound: ofKnown.filter(
        (m) =>
          !m.curated &&
          knownMentions.some((k) => k.entityId === m.entity && k.start === m.start && k.end === m.end),
      ).length,
      allFound: ofKnown.filter((m) =>
        knownMentions.some((k) => k.entityId === m.entity && k.start === m.start && k.end === m.end),
      ).length,
      candidates: candidates.length,
      precision: candidates.length === 0 ? 1 : right.length / candidates.length,
      recall: unknown.length === 0 ? 1 : found.size / unknown.length,
      truth: unknown.length,
      missed: unknown.filter((t) => !found.has(t.id)).map((t) => t.name),
      noise: candidates.filter((c) => !isRight(c, unknown)).map((c) => c.name),
      knownMentions: knownMentions.length,
      datasetMentionsOfKnown: mentions.filter(
        (m) => m.source === source.id && known.some((k) => k.id === m.entity),
      ).length,
    });
  }
  return results;
}

/** A proper name: every word capitalised but the small ones ("Chen Quanguo", "Ministry of Justice"). */
const proper = (name: string) =>
  name.split(/\s+/).every((w) => /^\p{Lu}/u.test(w) || ['of', 'the', 'and', 'in', 'for'].includes(w));

describe('candidate quality on the curated datasets', () => {
  it('proposes the entities of the article and the fixtures with measured precision and recall', async () => {
    const all: ({ path: string } & Awaited<ReturnType<typeof measure>>[number])[] = [];
    for (const path of [
      'data/no-mercy-in-xinjiang.yaml',
      'fixtures/contested-source.yaml',
      'fixtures/second-source.yaml',
    ]) {
      for (const r of await measure(path)) all.push({ path, ...r });
    }
    const sum = (f: (r: (typeof all)[number]) => number) => all.reduce((n, r) => n + f(r), 0);
    const precision = sum((r) => r.right) / sum((r) => r.candidates);
    const recall = sum((r) => r.foundCount) / sum((r) => r.truth);
    const namedRecall = sum((r) => r.namedFound) / sum((r) => r.named);
    console.log(
      JSON.stringify({
        precision,
        recall,
        namedRecall,
        per: all.map(({ path, precision: p, recall: rc, missed, noise }) => ({ path, p, rc, missed, noise })),
      }),
    );
    // Measured when built (3 sources, 72 entities to find, 52 candidates): precision 0.77, recall
    // 0.36 (most misses are descriptions such as "Outside experts", not names), recall of proper
    // names 0.85.
    expect(precision).toBeGreaterThanOrEqual(0.72);
    expect(recall).toBeGreaterThanOrEqual(0.32);
    expect(namedRecall).toBeGreaterThanOrEqual(0.8);
  }, 60_000);

  it('finds every automatic mention of the known entities, as the seed does', async () => {
    const [article] = await measure('data/no-mercy-in-xinjiang.yaml', 0.5);
    // Curated mentions ("he", "the party chief") are a reviewer's work and are not found.
    expect(article!.automaticFound).toBe(article!.automaticMentionsOfKnown);
    console.log(
      JSON.stringify({
        knownMentions: article!.knownMentions,
        allMentionsOfKnown: article!.datasetMentionsOfKnown,
      }),
    );
  });
});
