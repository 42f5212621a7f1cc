// Where entities are mentioned in a source: automatic matches of names and aliases, merged with the
// curated mentions of the dataset (pronouns, descriptions such as "the party chief").

export interface Span {
  start: number;
  end: number;
}

export interface MentionPattern {
  entity: string;
  text: string;
}

export interface FoundMention extends Span {
  entity: string;
  text: string;
}

export interface Mention extends FoundMention {
  source: string;
  curated: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
// Chinese, Japanese and Korean scripts do not separate words with spaces: a name written in them
// has no word boundary to check.
const NO_BOUNDARY_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function firstChar(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) ?? 0);
}

function lastChar(text: string): string {
  return Array.from(text).at(-1) ?? '';
}

/** Whether a name that starts or ends with this character needs a word boundary there. */
function needsBoundary(char: string): boolean {
  return WORD_CHAR.test(char) && !NO_BOUNDARY_SCRIPT.test(char);
}

/** The character (code point) that ends just before `index`, or '' at the start. */
function charBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && index >= 2;
  return text.slice(pair ? index - 2 : index - 1, index);
}

function charAt(text: string, index: number): string {
  return index >= text.length ? '' : String.fromCodePoint(text.codePointAt(index) ?? 0);
}

/**
 * The spellings a pattern matches: itself, and the same with its first letter in the other case,
 * so that "Outside experts" finds "outside experts" and "rights groups" finds "Rights groups" at
 * the start of a sentence, while "US" still does not match "us" in the middle of a word or "Us".
 */
export function spellingVariants(pattern: string): string[] {
  const head = firstChar(pattern);
  const tail = pattern.slice(head.length);
  return [...new Set([pattern, head.toUpperCase() + tail, head.toLowerCase() + tail])];
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Set where a spelling ends. */
  spelling?: string;
  entity?: string;
  boundaryAfter?: boolean;
}

/**
 * The spellings of many patterns in a trie of UTF-16 code units. Scanning a text then costs its
 * length times the length of the longest name, however many names there are (one regular
 * expression with thousands of alternatives tries every alternative at every position).
 */
function buildTrie(patterns: readonly MentionPattern[]): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const { entity, text } of patterns) {
    for (const spelling of spellingVariants(text)) {
      let node = root;
      for (let i = 0; i < spelling.length; i += 1) {
        const code = spelling.charCodeAt(i);
        let child = node.next.get(code);
        if (!child) {
          child = { next: new Map() };
          node.next.set(code, child);
        }
        node = child;
      }
      // Two entities claiming one spelling is a validation error; here the first one keeps it.
      if (node.spelling !== undefined) continue;
      node.spelling = spelling;
      node.entity = entity;
      node.boundaryAfter = needsBoundary(lastChar(spelling));
    }
  }
  return root;
}

/** Every spelling that matches at `start`, with its word boundaries respected, shortest first. */
function matchesAt(root: TrieNode, text: string, start: number): TrieNode[] {
  const found: TrieNode[] = [];
  if (!root.next.has(text.charCodeAt(start))) return found;
  // Every spelling that could match here starts with this character, so they share this boundary.
  if (needsBoundary(charAt(text, start)) && WORD_CHAR.test(charBefore(text, start))) return found;
  let node: TrieNode | undefined = root;
  for (let i = start; i < text.length; i += 1) {
    node = node.next.get(text.charCodeAt(i));
    if (!node) break;
    if (node.spelling === undefined) continue;
    if (node.boundaryAfter && WORD_CHAR.test(charAt(text, i + 1))) continue;
    found.push(node);
  }
  return found;
}

/**
 * Builds one matcher for many patterns. At each position it takes the longest spelling that fits
 * its word boundaries, and it scans left to right without overlaps, which gives leftmost-longest
 * matches: "Xi Jinping" is one mention, not also "Xi" inside it, and "Xinjiang regional
 * government" is not also "Xinjiang".
 */
export function createMatcher(patterns: readonly MentionPattern[]): (text: string) => FoundMention[] {
  const root = buildTrie(patterns);
  return (text) => {
    const found: FoundMention[] = [];
    for (let start = 0; start < text.length;) {
      const longest = matchesAt(root, text, start).at(-1);
      if (longest?.spelling === undefined || longest.entity === undefined) {
        start += 1;
        continue;
      }
      const end = start + longest.spelling.length;
      found.push({ entity: longest.entity, start, end, text: longest.spelling });
      start = end;
    }
    return found;
  };
}

/**
 * A finder of the spellings (of the given patterns' variants) that occur anywhere in a text at word
 * boundaries, including inside longer names: "Xi" occurs in "Xi Jinping" here, although as a
 * mention the longer name wins. The patterns' trie is built once for every text: rebuilding it per
 * source made validation quadratic (135 ms per source, 9 minutes at a million links).
 */
export function spellingFinder(patterns: readonly string[]): (text: string) => Set<string> {
  const root = buildTrie(patterns.map((p) => ({ entity: '', text: p })));
  return (text) => {
    const found = new Set<string>();
    for (let start = 0; start < text.length; start += 1) {
      for (const node of matchesAt(root, text, start))
        if (node.spelling !== undefined) found.add(node.spelling);
    }
    return found;
  };
}

/** All occurrences of one pattern, with the same boundary and case rules as the automatic mentions. */
export function findOccurrences(text: string, pattern: string): Span[] {
  return createMatcher([{ entity: '', text: pattern }])(text).map(({ start, end }) => ({ start, end }));
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The text with the given spans blanked out (same length, so offsets stay valid). */
export function maskSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const pieces: string[] = [];
  let at = 0;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    const from = Math.max(start, at);
    if (end <= from) continue;
    pieces.push(text.slice(at, from), '\u0000'.repeat(end - from));
    at = end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/**
 * Automatic mentions in one text. Blocked spans (curated mentions, text that is not part of the
 * work) are blanked out before matching rather than filtered afterwards, so that a name inside or
 * next to a curated span is still found: with "a train station" curated, "southwestern China" in
 * "a train station in southwestern China" is still a mention, although the longer name "Train
 * station in southwestern China" would otherwise have covered it.
 */
export function findAutoMentions(
  text: string,
  patterns: readonly MentionPattern[],
  blocked: readonly Span[] = [],
): FoundMention[] {
  return createMatcher(patterns)(maskSpans(text, blocked));
}

function byPosition(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * Curated mentions win over automatic ones: an automatic match that overlaps a curated mention is
 * dropped, so a hand-picked span ("China" meaning the government) replaces what the name matcher
 * would have said ("China" the country).
 */
export function mergeMentions(
  source: string,
  automatic: readonly FoundMention[],
  curated: readonly FoundMention[],
): Mention[] {
  const picked = [...curated].sort(byPosition);
  const result: Mention[] = picked.map((m) => ({ ...m, source, curated: true }));
  let first = 0;
  for (const m of [...automatic].sort(byPosition)) {
    // Curated spans do not overlap each other (validated), so those ending before m can be skipped.
    while ((picked[first]?.end ?? Infinity) <= m.start) first += 1;
    let clash = false;
    for (const c of picked.slice(first)) {
      if (c.start >= m.end) break;
      if (overlaps(c, m)) {
        clash = true;
        break;
      }
    }
    if (!clash) result.push({ ...m, source, curated: false });
  }
  return result.sort(byPosition);
}
