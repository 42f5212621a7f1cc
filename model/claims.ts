// Claims as stored on a statement relationship (docs/graph-model.md, "Claims"): parallel lists, one
// entry per claim, and the properties derived from them. Pure functions, shared by the loader, the
// API's mapping and the exports.
import { ASSERTER_SEPARATOR, REL, type DatePrecision, type Stance } from './index.js';

/** A date as datasets write it: ISO-8601 prefixes and their precision. */
export interface ClaimDate {
  start: string;
  end?: string;
  precision: DatePrecision;
}

/** A claim as a dataset gives it (seed/src/dataset.ts). */
export interface ClaimInput {
  source: string;
  quote: string;
  start: number;
  end: number;
  by: readonly string[];
  stance: Stance;
  date?: ClaimDate;
}

type Props = Record<string, unknown>;

export interface StoredClaim {
  source: string;
  start: number;
  end: number;
  quote: string;
  by: string[];
  stance: Stance;
  /** '' when the claim has no date of its own; otherwise `start` or `start/end`, then `|precision`. */
  date: string;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
}

function plainNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toNumber' in value)
    return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

export function encodeClaimDate(date: ClaimDate | undefined): string {
  if (!date) return '';
  return `${date.start}${date.end !== undefined ? `/${date.end}` : ''}|${date.precision}`;
}

export function decodeClaimDate(text: string): ClaimDate | undefined {
  if (text === '') return undefined;
  const [range = '', precision = 'day'] = text.split('|');
  const [start = '', end] = range.split('/');
  return { start, ...(end !== undefined ? { end } : {}), precision: precision as DatePrecision };
}

export function fromDataset(claim: ClaimInput): StoredClaim {
  return {
    source: claim.source,
    start: claim.start,
    end: claim.end,
    quote: claim.quote,
    by: [...claim.by],
    stance: claim.stance,
    date: encodeClaimDate(claim.date),
  };
}

/**
 * The claims of stored relationship properties. A relationship written before claims existed has
 * evidence lists and one `assertedBy`/`stance` for all of them: each quote becomes a claim with it.
 */
export function storedClaims(props: Props | undefined): StoredClaim[] {
  if (!props) return [];
  const sources = list(props[REL.claimSource]).map(String);
  const starts = list(props[REL.claimStart]);
  const ends = list(props[REL.claimEnd]);
  const quotes = list(props[REL.claimQuote]).map(String);
  const storedBy = props[REL.claimAssertedBy];
  const by = storedBy === undefined || storedBy === null ? null : list(storedBy).map(String);
  const stances = list(props[REL.claimStance]).map(String);
  const dates = list(props.claimDate).map(String);
  const legacyBy = list(props[REL.assertedBy]).map(String);
  const legacyStance = typeof props[REL.stance] === 'string' ? (props[REL.stance] as Stance) : 'reported';
  return sources.map((source, i) => ({
    source,
    start: plainNumber(starts[i]),
    end: plainNumber(ends[i]),
    quote: quotes[i] ?? '',
    by: by === null ? legacyBy : (by[i] ?? '').split(ASSERTER_SEPARATOR).filter((id) => id !== ''),
    stance: by === null ? legacyStance : ((stances[i] ?? 'reported') as Stance),
    date: dates[i] ?? '',
  }));
}

/** Two claims are the same claim when the same span of the same source is asserted by the same parties in the same way. */
export function claimKey(claim: StoredClaim): string {
  return [claim.source, claim.start, claim.end, [...claim.by].sort().join('+'), claim.stance].join('\u0000');
}

/** The parallel lists and everything derived from the claims: corroboration and contest are never typed by hand. */
export function claimProps(claims: readonly StoredClaim[]): Props {
  const asserters: string[] = [];
  for (const claim of claims) for (const id of claim.by) if (!asserters.includes(id)) asserters.push(id);
  // The source's own voice counts as an asserter of its own: two articles stating a fact are two voices.
  const voices = new Set(claims.flatMap((c) => (c.by.length > 0 ? c.by : [`source:${c.source}`])));
  const firstAttributed = claims.find((c) => c.by.length > 0);
  return {
    [REL.claimSource]: claims.map((c) => c.source),
    [REL.claimStart]: claims.map((c) => c.start),
    [REL.claimEnd]: claims.map((c) => c.end),
    [REL.claimQuote]: claims.map((c) => c.quote),
    [REL.claimAssertedBy]: claims.map((c) => c.by.join(ASSERTER_SEPARATOR)),
    [REL.claimStance]: claims.map((c) => c.stance),
    claimDate: claims.map((c) => c.date),
    [REL.assertedBy]: asserters.length > 0 ? asserters : null,
    [REL.stance]: firstAttributed?.stance ?? null,
    [REL.sourceCount]: new Set(claims.map((c) => c.source)).size,
    [REL.asserterCount]: voices.size,
    [REL.contested]: new Set(claims.map((c) => c.stance)).size > 1,
  };
}

/**
 * The claims after a dataset meets what is stored: the dataset owns the claims in its own sources
 * (so a corrected quote replaces the old one, it does not pile up), and keeps every other source's.
 * In reading order (source, then offset), so the result does not depend on the order of loads.
 */
export function mergeClaims(
  stored: readonly StoredClaim[],
  incoming: readonly StoredClaim[],
  datasetSources: ReadonlySet<string>,
): StoredClaim[] {
  const result = stored.filter((c) => !datasetSources.has(c.source));
  const seen = new Set(result.map(claimKey));
  for (const claim of incoming) {
    if (!seen.has(claimKey(claim))) {
      seen.add(claimKey(claim));
      result.push(claim);
    }
  }
  return result.sort(
    (a, b) =>
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
      a.start - b.start ||
      a.end - b.end ||
      (claimKey(a) < claimKey(b) ? -1 : claimKey(a) > claimKey(b) ? 1 : 0),
  );
}
