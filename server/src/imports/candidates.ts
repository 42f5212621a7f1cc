// Candidate new entities in a text: what compromise tags as people, places and organisations, and
// runs of capitalised words it calls proper nouns, kinded by rule where it gives none (groups,
// events, facilities); grouped by their folded words, ranked, and offered as links to known
// entities that the shared name matcher (resolution/names.ts) finds alike. Dates come from
// compromise-dates, for claim dates, not as entities.
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';
import { createHash } from 'node:crypto';
import type { EntityKind } from '../../../model/index.js';
import { proposeLocation, type ProposedLocation } from '../geo/gazetteer.js';
import { blockingKeys, compareNames, nameTokens } from '../resolution/names.js';
import type { KnownEntity, KnownMention } from './known-mentions.js';

nlp.plugin(datesPlugin as unknown as Parameters<typeof nlp.plugin>[0]);

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Candidate {
  id: string;
  name: string;
  kind: EntityKind;
  score: number;
  why: string;
  mentions: Span[];
  link: { entityId: string; name: string; kind: EntityKind; score: number; reasons: string[] } | null;
  /** Where the gazetteer puts a place of this name, for the reviewer to accept. */
  location: ProposedLocation | null;
}

export interface FoundDate extends Span {
  value: { start: string; end?: string; precision: 'year' | 'month' | 'day' };
}

interface Term {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface Match {
  text: string;
  terms: Term[];
  offset: { start: number; length: number };
}

// Words that start sentences or headings in capitals without naming anything.
const STOP = new Set(
  `a an the this that these those it its he she they we i you his her their our my your and or but if
  in on at of for to from by with as into after before during when while where which who whom whose
  what why how there here then than so not no yes all some any each every many most more much other
  such one two three four five six seven eight nine ten first second third last next new old
  mr mrs ms dr prof sir according however also although because since though yet still even just only
  january february march april may june july august september october november december monday tuesday
  wednesday thursday friday saturday sunday today yesterday tomorrow`.split(/\s+/),
);

const ORG_WORDS =
  /\b(party|ministry|government|university|committee|bureau|council|agency|department|office|times|press|news|network|institute|foundation|association|union|army|police|court|commission|company|corporation|inc|ltd|bank|group|monitor|watch|league|congress|parliament|senate|administration|service|services)$/i;
const PLACE_WORDS =
  /\b(region|province|county|city|district|prefecture|state|republic|kingdom|island|islands|river|mountains|valley|street|square)$/i;
const EVENT_WORDS =
  /\b(attack|attacks|riot|riots|massacre|war|protest|protests|campaign|uprising|election|summit|conference|olympics|crackdown|bombing|strike|trial|visit|speech)$/i;
const FACILITY_WORDS =
  /\b(camp|camps|prison|prisons|station|airport|center|centre|school|hospital|facility|factory|mosque|port|base)$/i;
// Plural nationality and faith words name groups of people ("Uighurs", "Kazakhs", "Muslims").
const GROUP_WORD = /^[A-Z][a-z]+(s|ese)$/;

const TRAIL = /[\s.,;:!?"“”'’‘()[\]{}—–-]+$/u;
const LEAD = /^[\s"“”'’‘()[\]{}—–-]+/u;

/** The span without surrounding punctuation, a possessive or a leading "The". */
function clean(text: string, start: number): Span | null {
  let s = start;
  let t = text;
  const lead = LEAD.exec(t)?.[0].length ?? 0;
  s += lead;
  t = t.slice(lead);
  t = t.replace(TRAIL, '');
  t = t.replace(/['’]s$/u, '');
  t = t.replace(TRAIL, '');
  const the = /^(the|The)\s+/.exec(t);
  if (the && t.length > the[0].length) {
    s += the[0].length;
    t = t.slice(the[0].length);
  }
  if (t.length < 2 || !/\p{Lu}/u.test(t.charAt(0))) return null;
  const words = t.split(/\s+/);
  if (words.every((w) => STOP.has(w.toLowerCase().replace(/[.’']/g, '')))) return null;
  return { start: s, end: s + t.length, text: t };
}

/**
 * A compromise match split where the text has a break a name never spans: a comma, a full stop,
 * quotation marks, a possessive ("China’s Xinjiang" is two names), or a line break.
 */
function pieces(source: string, match: Match): Span[] {
  const out: Span[] = [];
  const run = { from: -1, to: 0 };
  const flush = () => {
    if (run.from >= 0) {
      const span = clean(source.slice(run.from, run.to), run.from);
      if (span) out.push(span);
    }
    run.from = -1;
  };
  for (const term of match.terms) {
    const start = term.offset.start;
    const end = start + term.offset.length;
    const raw = source.slice(start, end);
    if (run.from >= 0 && /\n/.test(source.slice(run.to, start))) flush();
    if (run.from < 0) run.from = start;
    run.to = end;
    const after = source.slice(end, end + 2);
    if (/['’]s$/u.test(raw) || /[,.;:!?"“”()]$/u.test(raw) || /^[,;:!?"“”()]/u.test(after)) flush();
  }
  flush();
  return out;
}

/** The kind a name's own last word says, if any ("… University", "… camps", "Uighurs"). */
function wordKind(name: string): EntityKind | null {
  if (EVENT_WORDS.test(name)) return 'Event';
  if (FACILITY_WORDS.test(name)) return 'Facility';
  if (ORG_WORDS.test(name)) return 'Organization';
  if (PLACE_WORDS.test(name)) return 'Place';
  return null;
}

function ruleKind(name: string, tagged: EntityKind | null): EntityKind {
  return wordKind(name) ?? tagged ?? (GROUP_WORD.test(name.split(/\s+/).at(-1) ?? '') ? 'Group' : 'Person');
}

// Titles say how a text refers to someone, not who they are: "President Xi Jinping" is "Xi Jinping".
const TITLES = new Set(
  'mr mrs ms miss dr prof president premier chairman general secretary comrade sir madam'.split(' '),
);

function withoutTitles(name: string): string {
  const words = name.split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && TITLES.has((words[i] ?? '').toLowerCase().replace(/\.$/, ''))) i += 1;
  return words.slice(i).join(' ');
}

/** Whether a span begins a sentence, a heading or the text: where any word is capitalised. */
function sentenceStart(text: string, start: number): boolean {
  return /(^|[.!?:]["”’]?\s+|\n\s*)$/u.test(text.slice(Math.max(0, start - 4), start));
}

// A city this size or larger is taken as the place even where compromise read a person's name.
const SURE_CITY = 100_000;
const PLACE_BEFORE = /\b(in|at|near|from|to|into|across|around|outside|via)\s+(the\s+)?$/i;

/** A region, a country or a city of SURE_CITY people the gazetteer knows by this name of 3+ letters. */
function surePlace(name: string, proposed: ProposedLocation | null): boolean {
  if (!proposed || name.length < 3) return false;
  return proposed.precision !== 'city' || (proposed.population ?? 0) >= SURE_CITY;
}

/**
 * Whether a name compromise did not read as a place is one: a sure place (above) that compromise
 * did not read as a person either, or any place the gazetteer knows written where places are ("in
 * Aksu"). A town that shares a person's name ("Anna") without such a word stays a person.
 */
function isPlace(text: string, group: Group, proposed: ProposedLocation | null, name: string): boolean {
  if (!proposed) return false;
  const person = group.tagged && (group.kinds.get('Person') ?? 0) > 0;
  if (!person && surePlace(name, proposed)) return true;
  return group.mentions.some((m) => PLACE_BEFORE.test(text.slice(Math.max(0, m.start - 12), m.start)));
}

function candidateId(key: string): string {
  return `c-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

function overlapsAny(
  span: { start: number; end: number },
  sorted: readonly { start: number; end: number }[],
): boolean {
  // Binary search for the first blocked span that ends after `span.start`.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.end ?? 0) <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const next = sorted[lo];
  return next !== undefined && next.start < span.end;
}

interface Group {
  key: string;
  tokens: string[];
  mentions: Span[];
  kinds: Map<EntityKind, number>;
  tagged: boolean;
}

/** Index of known entities by blocking key, so each candidate is compared with few of them. */
export function linkIndex(entities: readonly KnownEntity[]): Map<string, KnownEntity[]> {
  const index = new Map<string, KnownEntity[]>();
  for (const entity of entities) {
    for (const key of blockingKeys({
      name: entity.name,
      aliases: [...entity.aliases, ...entity.backgroundAliases],
    })) {
      const list = index.get(key) ?? [];
      list.push(entity);
      index.set(key, list);
    }
  }
  return index;
}

const LINK_FLOOR = 0.8;

function bestLink(
  name: string,
  surfaces: readonly string[],
  kind: EntityKind,
  index: Map<string, KnownEntity[]>,
): Candidate['link'] {
  const seen = new Set<KnownEntity>();
  for (const key of blockingKeys({ name, aliases: surfaces }))
    for (const e of index.get(key) ?? []) seen.add(e);
  let best: Candidate['link'] = null;
  for (const entity of seen) {
    const match = compareNames(
      { name, aliases: surfaces, kind },
      { name: entity.name, aliases: [...entity.aliases, ...entity.backgroundAliases], kind: entity.kind },
    );
    if (match.score >= LINK_FLOOR && (!best || match.score > best.score)) {
      best = {
        entityId: entity.id,
        name: entity.name,
        kind: entity.kind,
        score: Math.round(match.score * 100) / 100,
        reasons: match.reasons,
      };
    }
  }
  return best;
}

export interface Extraction {
  candidates: Candidate[];
  dates: FoundDate[];
}

/**
 * Candidates in `text`, leaving out spans that are already mentions of known entities; each is
 * offered as a link when a known entity's name looks like it.
 */
export function findCandidates(
  text: string,
  known: readonly KnownEntity[],
  knownMentions: readonly KnownMention[],
): Extraction {
  const doc = nlp(text);
  const tagged: [EntityKind, Match[]][] = [
    ['Person', doc.people().json({ offset: true }) as Match[]],
    ['Place', doc.places().json({ offset: true }) as Match[]],
    ['Organization', doc.organizations().json({ offset: true }) as Match[]],
  ];
  const proper = doc.match('(#ProperNoun|#Demonym)+').json({ offset: true }) as Match[];
  const blocked = [...knownMentions].sort((a, b) => a.start - b.start);

  // Which kind compromise gave each character offset where a name starts, to kind proper nouns.
  const taggedAt = new Map<number, EntityKind>();
  const spans: { span: Span; kind: EntityKind | null }[] = [];
  for (const [kind, matches] of tagged) {
    for (const match of matches) {
      for (const span of pieces(text, match)) {
        taggedAt.set(span.start, kind);
        spans.push({ span, kind });
      }
    }
  }
  for (const match of proper) for (const span of pieces(text, match)) spans.push({ span, kind: null });

  // One occurrence per span: a tagged reading wins over a bare proper noun.
  const bySpan = new Map<string, { span: Span; kind: EntityKind | null }>();
  for (const item of spans) {
    if (overlapsAny(item.span, blocked)) continue;
    const at = `${item.span.start}:${item.span.end}`;
    const previous = bySpan.get(at);
    if (!previous || (previous.kind === null && item.kind !== null)) bySpan.set(at, item);
  }
  // Where spans overlap, the longer one is the name ("La Trobe University", not also "La Trobe").
  const ordered = [...bySpan.values()].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: typeof ordered = [];
  for (const item of ordered) {
    const last = kept.at(-1);
    if (last && item.span.start < last.span.end) continue;
    kept.push(item);
  }

  const groups = new Map<string, Group>();
  for (const { span, kind } of kept) {
    const tokens = nameTokens(span.text);
    if (tokens.length === 0) continue;
    const key = tokens.join(' ');
    const group: Group = groups.get(key) ?? { key, tokens, mentions: [], kinds: new Map(), tagged: false };
    group.mentions.push(span);
    const k = ruleKind(span.text, kind ?? taggedAt.get(span.start) ?? null);
    group.kinds.set(k, (group.kinds.get(k) ?? 0) + 1);
    if (kind !== null) group.tagged = true;
    groups.set(key, group);
  }

  // "Chen" and "Mr. Chen" are the "Chen Quanguo" of the same text when only one name contains them.
  // Only into a person's name: "Xinjiang" is not the "Xinjiang region", nor "Uighurs" the "Uighur Muslims".
  const dominant = (group: Group): EntityKind =>
    [...group.kinds.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Person';
  const list = [...groups.values()].sort((a, b) => b.tokens.length - a.tokens.length);
  for (const small of [...list].reverse()) {
    if (dominant(small) !== 'Person') continue;
    const containers = list.filter(
      (big) =>
        big !== small &&
        dominant(big) === 'Person' &&
        big.tokens.length > small.tokens.length &&
        small.tokens.every((t) => big.tokens.includes(t)),
    );
    if (containers.length !== 1) continue;
    const [big] = containers;
    if (!big || !groups.has(big.key)) continue;
    big.mentions.push(...small.mentions);
    for (const [k, n] of small.kinds) big.kinds.set(k, (big.kinds.get(k) ?? 0) + n);
    big.tagged ||= small.tagged;
    groups.delete(small.key);
  }

  const index = linkIndex(known);
  const candidates: Candidate[] = [];
  for (const group of groups.values()) {
    group.mentions.sort((a, b) => a.start - b.start);
    // The name: the longest spelling without titles, the most frequent among equals.
    const counts = new Map<string, number>();
    for (const m of group.mentions) {
      const plain = withoutTitles(m.text);
      counts.set(plain, (counts.get(plain) ?? 0) + 1);
    }
    const name =
      [...counts.entries()].sort(
        (a, b) => b[0].split(/\s+/).length - a[0].split(/\s+/).length || b[1] - a[1],
      )[0]?.[0] ?? group.key;
    const proposed = proposeLocation(name) ?? null;
    // A lone capitalised word seen only where every word is capitalised is no evidence of a name,
    // unless the gazetteer knows it as a place ("Aksu officials met…").
    if (
      !group.tagged &&
      group.tokens.length === 1 &&
      group.mentions.every((m) => sentenceStart(text, m.start)) &&
      !surePlace(name, proposed)
    )
      continue;
    const own = wordKind(name);
    const gazetteerPlace =
      own === null && dominant(group) !== 'Place' && isPlace(text, group, proposed, name);
    const kind = own ?? (gazetteerPlace ? 'Place' : dominant(group));
    const surfaces = [...new Set(group.mentions.map((m) => m.text))];
    // Single capitalised words found only at a sentence start are the weakest evidence of a name.
    const words = group.tokens.length;
    const score =
      Math.round(
        (Math.log2(1 + group.mentions.length) + (group.tagged ? 1 : 0) + Math.min(words, 3) * 0.5) * 100,
      ) / 100;
    candidates.push({
      id: candidateId(`${group.key}|${kind}`),
      name,
      kind,
      score,
      why: gazetteerPlace
        ? 'place (gazetteer)'
        : group.tagged
          ? `${kind.toLowerCase()} (compromise)`
          : 'capitalised words',
      mentions: group.mentions,
      link: bestLink(name, surfaces, kind, index),
      location: kind === 'Place' ? proposed : null,
    });
  }
  candidates.sort((a, b) => b.score - a.score || (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  return { candidates, dates: findDates(doc) };
}

interface DateTerm {
  offset?: { start: number };
}
interface DateView {
  length: number;
  eq(i: number): DateView;
  json(options: { terms: false }): { text: string }[];
  docs: DateTerm[][];
  get(): { start?: string; end?: string; unit?: string }[];
  dates(): DateView;
}

/**
 * The dates of the text, found in context but each different wording parsed once, on its own:
 * compromise-dates copies the whole document for every date it parses, which made the dates of a
 * 5,000-word article cost more than all the rest of the import (4 s of 5 for 200 dates).
 */
function findDates(doc: ReturnType<typeof nlp>): FoundDate[] {
  const out: FoundDate[] = [];
  const view = (doc as unknown as { dates(): DateView }).dates();
  // Offsets of every term, computed once (a view's json computes them again for each date).
  doc.compute('offset');
  const parsed = new Map<string, ReturnType<DateView['get']>[number] | undefined>();
  for (let i = 0; i < view.length; i += 1) {
    const match = view.eq(i);
    const text = match.json({ terms: false })[0]?.text ?? '';
    const at = match.docs[0]?.[0]?.offset?.start;
    if (at === undefined) continue;
    if (!parsed.has(text)) parsed.set(text, (nlp(text) as unknown as { dates(): DateView }).dates().get()[0]);
    const date = parsed.get(text);
    const start = date?.start;
    if (!start) continue;
    const end = date.end;
    const unit = date.unit;
    // A whole year or month is that precision; a span of whole years is a range of years.
    const yearly = /-01-01T/.test(start) && (!end || /-12-31T/.test(end));
    const monthly = /-\d\d-01T/.test(start) && unit === 'month';
    const precision = yearly ? 'year' : monthly ? 'month' : 'day';
    const cut = (iso: string) => iso.slice(0, precision === 'year' ? 4 : precision === 'month' ? 7 : 10);
    const value: FoundDate['value'] = { start: cut(start), precision };
    if (end && cut(end) !== cut(start) && !(precision === 'day' && unit === 'day')) value.end = cut(end);
    out.push({ start: at, end: at + text.length, text, value });
  }
  return out;
}
