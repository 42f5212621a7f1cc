/**
 * Builds the Lucene query for the `entity_search` full-text index (analyzer `standard-folding`:
 * standard tokenizer, lower case, accents folded, English stop words removed) from what a user
 * typed. The text is split into words here and every word is escaped, so no character the user
 * types is ever read as Lucene syntax; the result is a parameter value, never Cypher.
 */

// Lucene's classic query parser gives these characters a meaning; `&&` and `||` are covered by
// escaping each `&` and `|`.
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, '\\$&');
}

// The analyzer drops these at index time, so requiring one would find nothing.
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

// Scripts written without spaces between words: the standard tokenizer makes one token per
// character, so a word in them is searched as a phrase of its characters.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Lower case without accents, as the index analyzer folds text (é → e, Ü → u). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The words of a text as the index sees them: letters and digits, apostrophes inside a word kept
 * ("o'brien"), a trailing possessive dropped ("xinjiang's" → "xinjiang").
 */
export function searchWords(text: string): string[] {
  const words = foldText(text).match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
  return words.map((word) => word.replace(/['’]s$/u, '')).filter((word) => word !== '');
}

/** Edits a typo may cost: none for short words (too many false friends), more for longer ones. */
export function typoAllowance(word: string): number {
  if (/\p{N}/u.test(word) || word.length < 4) return 0;
  return word.length < 7 ? 1 : 2;
}

function wordClause(word: string, fuzzy: boolean): string {
  if (UNSPACED_SCRIPT.test(word)) return `"${escapeLucene(word)}"`;
  const escaped = escapeLucene(word);
  // Exact words weigh most, then completions of what is being typed, then near-misses.
  const alternatives = [`${escaped}^4`, `${escaped}*^2`];
  const edits = fuzzy ? typoAllowance(word) : 0;
  if (edits > 0) alternatives.push(`${escaped}~${edits}`);
  return `(${alternatives.join(' ')})`;
}

/**
 * Every word must match (exactly, as a prefix, or within its typo allowance) except stop words,
 * which only add to the score. Null when the text has no searchable word (only punctuation).
 * Without `fuzzy`, only exact words and prefixes: Lucene's fuzzy terms are most of a search's time
 * in a large index, so search asks for those first (search/query.ts).
 */
export function buildLuceneQuery(text: string, maxWords = 12, fuzzy = true): string | null {
  const words = [...new Set(searchWords(text))].slice(0, maxWords);
  if (words.length === 0) return null;
  const required = words.filter((word) => !STOP_WORDS.has(word));
  const clauses = words.map((word) => `${required.includes(word) ? '+' : ''}${wordClause(word, fuzzy)}`);
  return clauses.join(' ');
}
