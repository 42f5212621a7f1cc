// One matcher for "are these two names the same entity?", shared by the import's candidate linking
// and the merge suggestions, so both give the same answer and the same reasons for it.
// Jaro-Winkler and Double Metaphone come from talisman (maintained, tested, no dependencies).
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import doubleMetaphone from 'talisman/phonetics/double-metaphone.js';

/** What the matcher knows of an entity: its names and its kind. */
export interface NamedThing {
  name: string;
  aliases?: readonly string[];
  kind?: string;
}

export type MatchReason =
  | 'same name'
  | 'same name after folding'
  | 'spelling variant'
  | 'sounds alike'
  | 'one name inside the other'
  | 'shared words'
  | 'same kind'
  | 'different kind';

export interface NameMatch {
  /** 0..1; 1 when two names are equal after folding. */
  score: number;
  reasons: MatchReason[];
  /** The pair of names (one from each side) that matched best. */
  names: [string, string];
}

// Titles and honorifics say how a text refers to someone, not who they are ("Mr. Xi" is Xi).
const HONORIFICS = new Set(
  'mr mrs ms miss dr prof president premier chairman general secretary comrade sir madam the'.split(' '),
);

/** Lower case, accents and punctuation gone, spaces single: "Mr. Xi’s" → "mr xi". */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Memoised by name: suggestions compare each entity with many others, and folding (Unicode
 * normalisation, regular expressions) and phonetic keys would otherwise be recomputed for every pair.
 * Bounded, so a long-running server does not keep every name it ever saw.
 */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= 500_000) cache.clear();
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** The words that identify: folded, honorifics dropped, a plural -s dropped ("Uighurs" → "uighur"). */
export function nameTokens(name: string): string[] {
  return [...cachedTokens(name)];
}

const cachedTokens = memo((name: string): readonly string[] => {
  const words = foldName(name)
    .split(' ')
    .filter((word) => word !== '' && !HONORIFICS.has(word));
  return words.map((word) =>
    word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
  );
});

/**
 * The consonant skeleton of a word: first letter, then consonants without y, h, w, doubled letters
 * once. Romanisations differ mostly in vowels and glides ("Uighur"/"Uyghur" → "ugr"), which
 * Double Metaphone alone keeps apart.
 */
function skeleton(word: string): string {
  const rest = word.slice(1).replace(/[aeiouyhw]/g, '');
  return (word[0] + rest).replace(/(.)\1+/g, '$1');
}

// Phonetic keys only mean something for Latin letters: Double Metaphone gives every Han word the
// same empty key ("中国" would sound like "美国"), and a two-letter skeleton matches too much.
const wordKeys = memo((word: string): readonly string[] =>
  /^[a-z]{3,}$/.test(word)
    ? [doubleMetaphone(word)[0], skeleton(word)].filter((key) => key.length >= 2)
    : [word],
);

/** Whether two names sound alike word by word (by Double Metaphone or by skeleton). */
export function soundAlike(a: string, b: string): boolean {
  const ta = cachedTokens(a);
  const tb = cachedTokens(b);
  if (ta.length !== tb.length || ta.length === 0) return false;
  return ta.every((word, i) => {
    const other = wordKeys(tb[i] ?? '');
    return wordKeys(word).some((key) => other.includes(key));
  });
}

/** Keys that put possibly-equal names in the same block, so suggestions compare few pairs. */
export function blockingKeys(thing: NamedThing): string[] {
  const keys = new Set<string>();
  for (const name of [thing.name, ...(thing.aliases ?? [])]) {
    for (const word of cachedTokens(name)) {
      if (word.length < 2) continue;
      keys.add(`w:${word}`);
      for (const key of wordKeys(word)) keys.add(`s:${key}`);
    }
  }
  return [...keys];
}

function compareTwoNames(a: string, b: string): { score: number; reasons: MatchReason[] } {
  if (a === b) return { score: 1, reasons: ['same name'] };
  const ta = cachedTokens(a);
  const tb = cachedTokens(b);
  if (ta.length === 0 || tb.length === 0) return { score: 0, reasons: [] };
  const ja = ta.join(' ');
  const jb = tb.join(' ');
  if (ja === jb) return { score: 0.98, reasons: ['same name after folding'] };
  const reasons: MatchReason[] = [];
  let score = jaroWinkler(ja, jb);
  if (score >= 0.9) reasons.push('spelling variant');
  if (soundAlike(a, b)) {
    reasons.push('sounds alike');
    score = Math.max(score, 0.92);
  }
  const [shorter, longer] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const inside = shorter.every((word) => longer.includes(word));
  if (inside) {
    reasons.push('one name inside the other');
    // "Xi" inside "Xi Jinping" is a strong hint; "Party" inside "Communist Party of China" a weak one.
    score = Math.max(score, shorter.length === longer.length ? 0.95 : 0.85);
  } else {
    const shared = shorter.filter((word) => longer.includes(word) && word.length > 2).length;
    if (shared > 0) {
      reasons.push('shared words');
      score = Math.max(score, 0.6 + (0.25 * shared) / longer.length);
    }
  }
  return { score, reasons };
}

/**
 * How likely two things are the same entity by their names, with the reasons. The best pair of
 * names (name or alias on each side) decides; a different kind lowers the score.
 */
export function compareNames(a: NamedThing, b: NamedThing): NameMatch {
  let best: NameMatch = { score: 0, reasons: [], names: [a.name, b.name] };
  for (const na of [a.name, ...(a.aliases ?? [])]) {
    for (const nb of [b.name, ...(b.aliases ?? [])]) {
      const { score, reasons } = compareTwoNames(na, nb);
      if (score > best.score) best = { score, reasons, names: [na, nb] };
    }
  }
  if (a.kind && b.kind) {
    if (a.kind === b.kind) best.reasons.push('same kind');
    else {
      best.reasons.push('different kind');
      best.score *= 0.6;
    }
  }
  return best;
}
