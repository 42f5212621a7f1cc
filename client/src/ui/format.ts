import type { DateRangeT, GraphEdgeT } from '../api/types.js';

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

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date as precise as the source made it: 2014 stays a year, 2016-08 a month. */
export function formatDatePart(value: string): string {
  const [year, month, day] = value.split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (day && monthName) return `${Number(day)} ${monthName} ${year}`;
  if (monthName) return `${monthName} ${year}`;
  return year ?? value;
}

export function formatDate(date: DateRangeT | null | undefined): string | null {
  if (!date) return null;
  const start = formatDatePart(date.start);
  return date.end && date.end !== date.start ? `${start} – ${formatDatePart(date.end)}` : start;
}

export function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

export function formatNumber(value: unknown): string {
  return typeof value === 'number' ? value.toLocaleString('en') : String(value);
}

/** "claimed by China's government" / "denied by …" / null for what the source states itself. */
export function attributionText(edge: GraphEdgeT): string | null {
  const { by, byName, stance } = edge.attribution;
  if (!by && !byName) return stance === 'reported' ? null : stance;
  return `${stance} by ${byName ?? by}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
