import neo4j, { type Driver } from 'neo4j-driver';
import type { EntityKind } from '../../../contract/common.js';
import type { SearchResultT } from '../../../contract/search.js';
import { toNumber } from '../db/mapping.js';
import { toGraphNode, type NodeLike } from '../graph/payload.js';
import { buildLuceneQuery, foldText, searchWords, typoAllowance } from './lucene.js';

export interface SearchInput {
  q: string;
  types?: EntityKind[];
  limit: number;
}

// The index ranks by relevance only; re-ranking in code needs more candidates than are shown, so
// that an exact match the index scored low still gets to the top.
const CANDIDATE_FACTOR = 5;
const MIN_CANDIDATES = 50;

// Without a kind filter the index itself keeps only the best $candidates (`limit` in $options), so
// a short prefix that matches thousands of names does not fetch and sort them all; with one, the
// filter needs every match. Only the fields a result shows are read (not descriptions, dates or
// provenance), in the shape toGraphNode reads.
const searchQuery = `
CALL db.index.fulltext.queryNodes('entity_search', $lucene, $options) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node, score
ORDER BY score DESC
LIMIT $candidates
RETURN {labels: labels(node), properties: {id: node.id, name: node.name, kind: node.kind,
  aliases: node.aliases}} AS node, score`;

function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  // One row of the edit-distance table at a time; words are short.
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return (previous[b.length] ?? Infinity) <= max;
}

/** Whether every query word finds a word of `text` it equals, begins, or nearly equals. */
function coversAllWords(text: string, queryWords: readonly string[]): boolean {
  const folded = foldText(text);
  const words = searchWords(text);
  return queryWords.every(
    (query) =>
      folded.includes(query) ||
      words.some((word) => word.startsWith(query) || withinEdits(word, query, typoAllowance(query))),
  );
}

function normalized(text: string): string {
  return searchWords(text).join(' ');
}

/**
 * 0: the whole query is the name or an alias; 1: a name or alias begins with it; 2: anything else.
 * Within a tier the index's score decides.
 */
function matchTier(query: string, spellings: readonly string[]): number {
  const forms = spellings.map(normalized);
  if (forms.includes(query)) return 0;
  if (forms.some((form) => form.startsWith(query))) return 1;
  return 2;
}

/** The alias that matched, when it was not the name: an alias equal to the query wins over a name that merely contains its words. */
function matchedAlias(
  name: string,
  aliases: readonly string[],
  query: string,
  queryWords: readonly string[],
): string | null {
  if (normalized(name) === query) return null;
  const exact = aliases.find((alias) => normalized(alias) === query);
  if (exact !== undefined) return exact;
  if (coversAllWords(name, queryWords)) return null;
  return aliases.find((alias) => coversAllWords(alias, queryWords)) ?? null;
}

export async function searchEntities(driver: Driver, input: SearchInput): Promise<SearchResultT[]> {
  const exact = buildLuceneQuery(input.q, undefined, false);
  if (exact === null) return [];
  const kinds = input.types && input.types.length > 0 ? input.types : null;
  const candidates = neo4j.int(Math.max(MIN_CANDIDATES, input.limit * CANDIDATE_FACTOR));
  const run = (lucene: string) =>
    driver.executeQuery(
      searchQuery,
      { lucene, kinds, candidates, options: kinds === null ? { limit: candidates } : {} },
      { routing: 'READ' },
    );
  const query = normalized(input.q);
  const queryWords = searchWords(input.q);
  const rank = (records: Awaited<ReturnType<typeof run>>['records']) => {
    const ranked = records.map((record, position) => {
      const node = toGraphNode(record.get('node') as NodeLike);
      const score = toNumber(record.get('score'));
      const result: SearchResultT = {
        id: node.id,
        name: node.name,
        kind: node.kind,
        types: node.types,
        aliases: node.aliases,
        score,
        matched: matchedAlias(node.name, node.aliases, query, queryWords),
      };
      return { result, tier: matchTier(query, [node.name, ...node.aliases]), position };
    });
    ranked.sort((a, b) => a.tier - b.tier || b.result.score - a.result.score || a.position - b.position);
    return ranked;
  };
  // Exact words and prefixes first. When the page fills, or a name or alias equals or begins with
  // what was typed (it was typed right), typo matches are not looked for: they would rank below
  // those anyway. Otherwise the query is asked again with its typo allowance, so "leibld" still
  // finds Leibold. Lucene's fuzzy terms are most of a search's time in a large index.
  let ranked = rank((await run(exact)).records);
  if (ranked.length < input.limit && !ranked.some(({ tier }) => tier <= 1)) {
    const fuzzy = buildLuceneQuery(input.q);
    if (fuzzy !== null && fuzzy !== exact) ranked = rank((await run(fuzzy)).records);
  }
  return ranked.slice(0, input.limit).map(({ result }) => result);
}
