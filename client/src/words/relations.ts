import type { EntityKind, GraphEdgeT } from '../api/types.js';

// How the graph's relationships read as English: verbs, their passives, who asserts a link, and a
// verb that agrees with its subject ("Uighurs seek", "the leaker seeks").

/** GAVE_SPEECH → "gave speech". */
export function verb(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}

/**
 * The relationship read from its target back to its source ("investigated by"), for explaining a
 * path that runs against a link's direction. Types without a natural passive get null, and are then
 * written with a reversed arrow instead.
 */
const PASSIVE: Record<string, string> = {
  ADDRESSED: 'addressed by',
  AUTHORED: 'authored by',
  CARRIED_OUT: 'carried out by',
  CONCERNS: 'subject of',
  CONFIRMS: 'confirmed by',
  CONTAINS: 'contained in',
  CRITICIZED: 'criticized by',
  DESCRIBED: 'described by',
  DID_NOT_RESPOND_TO: 'not answered by',
  DISCLOSED: 'disclosed by',
  DISOBEYED: 'disobeyed by',
  DISTRIBUTED: 'distributed by',
  FOLLOWED: 'followed by',
  GAVE_SPEECH: 'given by',
  GOVERNS: 'governed by',
  INSTRUCTED: 'instructed by',
  INVESTIGATED: 'investigated by',
  ISSUED_BY: 'issued',
  JUSTIFIED: 'justified by',
  LEAKED: 'leaked by',
  LED: 'led by',
  LOCATED_IN: 'location of',
  MEMBER_OF: 'has as member',
  OPERATES: 'operated by',
  OPPOSED: 'opposed by',
  PART_OF: 'includes',
  PUNISHED: 'punished by',
  RELEASED: 'released by',
  SHOWS: 'shown in',
  SHEDS_LIGHT_ON: 'illuminated by',
  TARGETED: 'targeted by',
  TOOK_PLACE_IN: 'scene of',
  APPOINTED_TO: 'received as appointee',
  AFFILIATED_WITH: 'has as affiliate',
  SEEKS_ACCOUNTABILITY_FROM: 'held to account by',
  SUBJECT_OF: 'concerned',
  DETAINED_IN: 'held',
  RETURNED_TO: 'return home of',
  EXPANDED_AFTER: 'followed by the growth of',
  EXPRESSED_CONCERN_ABOUT: 'worried',
  FAMILY_OF: 'has as family',
};

export function passive(type: string): string | null {
  return PASSIVE[type] ?? null;
}

/** "— investigated by →" when walking an edge from `fromId`; the arrow shows the reading direction. */
export function stepPhrase(edge: GraphEdgeT, fromId: string): { text: string; reversed: boolean } {
  if (edge.source === fromId) return { text: verb(edge.type), reversed: false };
  const p = passive(edge.type);
  return p ? { text: p, reversed: false } : { text: verb(edge.type), reversed: true };
}

// Words that end a group's head noun phrase: "Party members | opposed to the policy".
const phraseBreak = new Set(['of', 'in', 'opposed', 'to', 'from', 'for', 'with', 'at', 'on', 'who', 'that']);

/**
 * Whether a group or organization is named in the plural ("Human rights groups", "Families of the
 * returning students", "Uighurs"), by the head noun before any qualifier. People and places are
 * singular whatever their names end with.
 */
export function isPluralName(name: string, kind: EntityKind | undefined): boolean {
  if (kind !== 'Group' && kind !== 'Organization') return false;
  const words = name.split(/\s+/);
  const cut = words.findIndex((word, index) => index > 0 && phraseBreak.has(word.toLowerCase()));
  const head = (cut === -1 ? words : words.slice(0, cut)).at(-1) ?? '';
  return /[^s']s$/i.test(head) || /^(people|police|staff|media)$/i.test(head);
}

const pluralOf: Record<string, string> = { is: 'are', was: 'were', has: 'have', does: 'do' };

/** The verb in the number of its subject: "seeks accountability from" → "seek accountability from". */
export function agreeingVerb(type: string, subject: { name: string; kind?: EntityKind } | undefined): string {
  const phrase = verb(type);
  if (!subject || !isPluralName(subject.name, subject.kind)) return phrase;
  const [first = '', ...rest] = phrase.split(' ');
  const plural =
    pluralOf[first] ??
    (/(ss|sh|ch|x)es$/.test(first) ? first.slice(0, -2) : /[^s]s$/.test(first) ? first.slice(0, -1) : first);
  return [plural, ...rest].join(' ');
}

/** "claimed by China's government" / "denied by …" / null for what the source states itself. */
export function attributionText(edge: GraphEdgeT): string | null {
  const { by, byName, stance } = edge.attribution;
  if (!by && !byName) return stance === 'reported' ? null : stance;
  return `${stance} by ${byName ?? by}`;
}

/** Who a link is according to, when the source attributes it ("according to China's government"). */
export function accordingTo(edge: GraphEdgeT): string | null {
  const { asserters, byName, by, stance } = edge.attribution;
  const who = asserters.length ? asserters.map((a) => a.name).join(' and ') : (byName ?? by);
  if (!who) return null;
  return stance === 'reported' || stance === 'claimed' ? `according to ${who}` : `${stance} by ${who}`;
}

/**
 * "according to X" only when the sentence does not already say so: "James Leibold said …" needs no
 * ", according to James Leibold" after it.
 */
export function accordingToUnlessSaid(edge: GraphEdgeT, sentence: string): string | null {
  const by = accordingTo(edge);
  if (!by) return null;
  const names = edge.attribution.asserters.map((a) => a.name);
  if (edge.attribution.byName) names.push(edge.attribution.byName);
  const lower = sentence.toLowerCase();
  const saidAlready = names.length > 0 && names.every((name) => lower.includes(name.toLowerCase()));
  return saidAlready && by.startsWith('according to') ? null : by;
}
