// Editorial checks: what a fact-checker reading a record against its quote would flag. They are
// warnings, not errors: a heuristic cannot know that a paraphrase is faithful, so each one asks a
// curator to look again (the rule they enforce is in seed/README.md, "The editorial rule"). Pure: no
// files, no database.
import type { DatasetFile } from './dataset.js';
import type { PathSegment } from './validate.js';

export interface EditorialWarning {
  /** The record at fault, e.g. `relationships[12] "xi-jinping-gave-speech-2014"`. */
  record: string;
  problem: string;
  /** Where in the YAML document the warning is, for line numbers. */
  path: PathSegment[];
}

// ---------------------------------------------------------------------------------------------
// Matching text as an editor would: quotation marks, apostrophes, spaces and case do not change
// what words say.

function normalise(text: string): string {
  return text
    .replace(/[“”„"]/g, '"')
    .replace(/[‘’‚']/g, "'")
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * The words a text puts in quotation marks: “curly” pairs, and "straight" pairs (YAML descriptions
 * are often typed with those). Punctuation at the edges of a quotation (“dictatorship,”) is not part
 * of the quoted words. Single quotes are not read as quotations: they are mostly apostrophes.
 */
export function quotedFragments(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/“([^“”]+)”|"([^"]+)"/g)) {
    const fragment = (match[1] ?? match[2] ?? '').replace(/^[\s,.;:!?]+|[\s,.;:!?]+$/g, '');
    if (fragment) found.push(fragment);
  }
  return found;
}

/**
 * Texts that a sentence of ours is read against, prepared once: an entity's description is read
 * against every source, and a large dataset has thousands of entities.
 */
export interface References {
  normalised: string[];
  /** Each number in the texts with the qualifiers written before it (null: none). */
  qualifiers: Map<number, Set<string | null>>;
}

export function references(texts: readonly string[] | References): References {
  if (!Array.isArray(texts)) return texts as References;
  const qualifiers = new Map<number, Set<string | null>>();
  for (const use of texts.flatMap(numbersIn)) {
    qualifiers.set(use.value, (qualifiers.get(use.value) ?? new Set()).add(use.qualifier));
  }
  return { normalised: texts.map(normalise), qualifiers };
}

/** Quoted words that occur in none of the references. */
export function unsupportedFragments(text: string, against: readonly string[] | References): string[] {
  const fragments = quotedFragments(text);
  if (fragments.length === 0) return [];
  const { normalised } = references(against);
  return fragments.filter((f) => !normalised.some((r) => r.includes(normalise(f))));
}

/** What a source itself puts in quotation marks, normalised: its quotations and scare quotes. */
export function sourceQuotations(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((t) => quotedFragments(t).map(normalise)))];
}

// Quotation marks around a word or two read as the source's own scare quotes (this article has them
// throughout: “crackdown”, “leak”): a text must not add them where the source has none.
const SCARE_QUOTE_WORDS = 2;

/**
 * Quotation marks that misquote the source's own: around a word or two that the source never puts
 * in quotation marks, or around part of a quotation whose other words follow outside the marks
 * (“virus” of extremist for “virus of extremist”).
 */
export function misplacedQuotationMarks(
  text: string,
  quotations: readonly string[],
  /** Fragments already reported as not in the source at all: one warning each is enough. */
  except: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const bare = normalise(text.replace(/[“”"]/g, ''));
  const marked = normalise(text);
  for (const fragment of quotedFragments(text)) {
    if (except.includes(fragment)) continue;
    const f = normalise(fragment);
    const containing = quotations.filter((q) => q.includes(f));
    if (containing.length === 0) {
      if (f.split(' ').length <= SCARE_QUOTE_WORDS)
        problems.push(`puts "${fragment}" in quotation marks, which the source does not`);
      continue;
    }
    const moved = containing.find((q) => q !== f && bare.includes(q) && !marked.includes(`"${q}"`));
    if (moved) problems.push(`moves the quotation marks: the source quotes "${moved}", not "${fragment}"`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Numbers and their qualifiers: "more than 7,000" is a different fact from "7,000".

const QUALIFIER_WORDS = [
  'more than',
  'at least',
  'about',
  'fewer than',
  'less than',
  'nearly',
  'almost',
  'over',
  'up to',
  'around',
  'roughly',
  'approximately',
  'as many as',
  'some',
];
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1e9 };
const SMALL: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const NUMBER = new RegExp(
  String.raw`(?:\b(${QUALIFIER_WORDS.join('|')})\s+)?[“"]?` +
    String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:${Object.keys(SCALES).join('|')}))?|(?:${Object.keys(SMALL).join('|')})\s+(?:${Object.keys(SCALES).join('|')}))\b`,
  'gi',
);

export interface NumberUse {
  value: number;
  /** The qualifier written before it, or null. */
  qualifier: string | null;
  text: string;
}

function parseNumber(written: string): number {
  const [head = '', scale] = written.toLowerCase().split(/\s+/);
  const base = SMALL[head] ?? Number(head.replaceAll(',', ''));
  return scale ? base * (SCALES[scale] ?? 1) : base;
}

/** Every number in a text with the qualifier just before it. */
export function numbersIn(text: string): NumberUse[] {
  return [...text.matchAll(NUMBER)].map((m) => ({
    value: parseNumber(m[2] ?? ''),
    qualifier: m[1]?.toLowerCase() ?? null,
    text: m[0],
  }));
}

/**
 * Numbers that a text writes without the qualifier (or with another one than) the references give
 * it. A number the references also write bare somewhere is not flagged: the text may mean that one.
 */
export function droppedQualifiers(
  text: string,
  against: readonly string[] | References,
  known: ReadonlyMap<number, string> = new Map(),
): string[] {
  const uses = numbersIn(text);
  if (uses.length === 0) return [];
  const { qualifiers } = references(against);
  const problems: string[] = [];
  for (const use of uses) {
    const own = known.get(use.value);
    const given =
      qualifiers.get(use.value) ?? (own !== undefined && own !== 'exactly' ? new Set([own]) : undefined);
    if (!given || given.has(use.qualifier)) continue;
    const expected = [...given].filter((q): q is string => q !== null);
    problems.push(
      use.qualifier === null
        ? `"${use.text}" drops its qualifier: the source says "${expected[0]} ${use.text.replace(/^[“"]/, '')}"`
        : `"${use.text}": the source's qualifier is "${expected.join('" or "')}", not "${use.qualifier}"`,
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Words that put a statement in someone else's mouth. "to say" is an instruction, not a report, and
// "reports" is as often a noun ("directives and reports") as a verb: only its verb forms count.

const HEDGE =
  /\b(according to|says|said|say|suggests|suggested|suggest|claims|claimed|claim|(?:has|have|had|was|were) reported|reported that|reports that|allegedly|alleged)\b/i;

/** The first reporting or hedging word of a quote, or null. */
export function hedgeWord(quote: string): string | null {
  const cleaned = quote.replace(/\bto say\b/gi, '');
  return HEDGE.exec(cleaned)?.[1] ?? null;
}

// What a sentence of ours may use to keep a source's attribution: any reporting verb will do.
const ATTRIBUTING =
  /\b(according to|says?|said|suggests?|suggested|claims?|claimed|reports?|reported|denied|denies|denying|described|describes|hoped|hopes|feared|fears)\b/i;

/** Whether a text of ours attributes what it says (a reporting word, or one of the asserters' names). */
export function attributes(text: string, names: readonly string[] = []): boolean {
  const t = normalise(text);
  return ATTRIBUTING.test(text) || names.some((n) => t.includes(normalise(n)));
}

// ---------------------------------------------------------------------------------------------

const QUOTATION_MARK = /[“”"]/;

function recordName(section: string, index: number, id: string): string {
  return `${section}[${index}] "${id}"`;
}

/** The editorial warnings of a dataset whose structure is already valid. */
export function editorialWarnings(data: DatasetFile, texts: ReadonlyMap<string, string>): EditorialWarning[] {
  const warnings: EditorialWarning[] = [];
  const sources = data.sources.flatMap((s) => {
    const text = texts.get(s.id);
    return text === undefined ? [] : [text];
  });
  // Read lazily: a generated dataset has megabytes of sources and descriptions without quotations.
  let lazyQuotations: string[] | undefined;
  const quotations = (): string[] => (lazyQuotations ??= sourceQuotations(sources));
  let lazyReferences: References | undefined;
  const sourceReferences = (): References => (lazyReferences ??= references(sources));
  const names = new Map(data.entities.map((e) => [e.id, [e.name, ...e.aliases]]));

  data.entities.forEach((entity, i) => {
    const record = recordName('entities', i, entity.id);
    const path = ['entities', i, 'description'];
    // An entity has no quote of its own: its quoted words must at least be somewhere in the sources.
    if (QUOTATION_MARK.test(entity.description)) {
      const unsupported = unsupportedFragments(entity.description, sourceReferences());
      for (const fragment of unsupported) {
        warnings.push({
          record,
          path,
          problem: `description quotes "${fragment}", which no source of this dataset contains`,
        });
      }
      for (const problem of misplacedQuotationMarks(entity.description, quotations(), unsupported)) {
        warnings.push({ record, path, problem: `description ${problem}` });
      }
    }
    if (numbersIn(entity.description).length > 0) {
      const known = new Map(Object.values(entity.numbers).map((n) => [n.value, n.qualifier]));
      for (const problem of droppedQualifiers(entity.description, sourceReferences(), known)) {
        warnings.push({ record, path, problem: `description: ${problem}` });
      }
    }
  });

  data.relationships.forEach((rel, i) => {
    const record = recordName('relationships', i, rel.id);
    const path = ['relationships', i, 'description'];
    const quotes = rel.claims.map((c) => c.quote);
    const unsupported = unsupportedFragments(rel.description, quotes);
    for (const fragment of unsupported) {
      warnings.push({
        record,
        path,
        problem: `description quotes "${fragment}", which is not in its evidence`,
      });
    }
    for (const problem of droppedQualifiers(rel.description, quotes)) {
      warnings.push({ record, path, problem: `description: ${problem}` });
    }
    if (QUOTATION_MARK.test(rel.description)) {
      for (const problem of misplacedQuotationMarks(rel.description, quotations(), unsupported)) {
        warnings.push({ record, path, problem: `description ${problem}` });
      }
    }
    // Format 2 attributes each claim; the description must keep the attribution when every claim
    // has one (a claim in the source's own voice lets the description state it).
    const attributed = rel.claims.every((c) => c.by.length > 0);
    const asserters = [...new Set(rel.claims.flatMap((c) => c.by))];
    if (
      attributed &&
      !attributes(
        rel.description,
        asserters.flatMap((id) => names.get(id) ?? []),
      )
    ) {
      const stances = [...new Set(rel.claims.map((c) => c.stance))].join(', ');
      warnings.push({
        record,
        path,
        problem: `description states as fact what the relationship attributes to ${asserters.join(', ')} (${stances}): name the asserter or use a reporting verb`,
      });
    }
    rel.claims.forEach((claim, j) => {
      if (claim.by.length > 0) return;
      const word = hedgeWord(claim.quote);
      if (word) {
        warnings.push({
          record,
          path: ['relationships', i, rel.claimsField, j],
          problem: `a claim says "${word}" but names no asserter: the source may not state it in its own voice (review: add by and stance, or quote the part it does state)`,
        });
      }
    });
  });
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Stories: a step's title and caption are read next to its quote and its links' quotes.

export interface StoryLike {
  description?: string;
  steps: readonly {
    title: string;
    caption?: string;
    edgeIds?: readonly string[];
    quote?: { quote: string } | null;
  }[];
}

export function storyWarnings(
  story: StoryLike,
  data: DatasetFile,
  texts: ReadonlyMap<string, string>,
): EditorialWarning[] {
  const evidence = new Map(data.relationships.map((r) => [r.id, r.claims.map((c) => c.quote)]));
  const quotations = sourceQuotations([...texts.values()]);
  const warnings: EditorialWarning[] = [];
  story.steps.forEach((step, i) => {
    const references = [
      ...(step.quote ? [step.quote.quote] : []),
      ...(step.edgeIds ?? []).flatMap((id) => evidence.get(id) ?? []),
    ];
    // A step whose quotes attribute something ("according to a leaked confession") must not tell
    // it as fact: its caption needs a reporting word too.
    const hedge = references.map(hedgeWord).find((w) => w !== null);
    if (hedge && !attributes(step.caption ?? '')) {
      warnings.push({
        record: `steps[${i}] "${step.title}"`,
        path: ['steps', i, 'caption'],
        problem: `caption drops the attribution: its quotes say "${hedge}" but the caption has no reporting word`,
      });
    }
    for (const field of ['title', 'caption'] as const) {
      const text = step[field] ?? '';
      const record = `steps[${i}] "${step.title}"`;
      const path = ['steps', i, field];
      const unsupported = unsupportedFragments(text, references);
      for (const fragment of unsupported) {
        warnings.push({
          record,
          path,
          problem: `${field} quotes "${fragment}", which is neither in the step's quote nor in its links' evidence`,
        });
      }
      for (const problem of droppedQualifiers(text, references)) {
        warnings.push({ record, path, problem: `${field}: ${problem}` });
      }
      for (const problem of misplacedQuotationMarks(text, quotations, unsupported)) {
        warnings.push({ record, path, problem: `${field} ${problem}` });
      }
    }
  });
  return warnings;
}
