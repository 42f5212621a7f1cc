import type { DateRangeT } from '../api/types.js';

/** A date as the time it covers: [start, end) in fractional years, honest about its precision. */
export interface Span {
  start: number;
  end: number;
}

function parts(value: string): { year: number; month: number | null; day: number | null } {
  const [y, m, d] = value.split('-').map((x) => Number.parseInt(x, 10));
  return { year: y ?? 0, month: m ?? null, day: d ?? null };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Where a date prefix starts, in fractional years (2016-07 → 2016.5). */
export function startOf(value: string): number {
  const { year, month, day } = parts(value);
  if (month === null) return year;
  const m = (month - 1) / 12;
  if (day === null) return year + m;
  return year + m + (day - 1) / daysIn(year, month) / 12;
}

/** Where the period a date prefix names ends: a year runs to the next, a month to the next month. */
export function endOf(value: string): number {
  const { year, month, day } = parts(value);
  if (month === null) return year + 1;
  if (day === null) return year + month / 12;
  return year + (month - 1) / 12 + day / daysIn(year, month) / 12;
}

/** 2014 → [2014, 2015); "2017 to 2018" → [2017, 2019); 2019-11-24 → that one day. */
export function spanOf(date: DateRangeT): Span {
  return { start: startOf(date.start), end: endOf(date.end ?? date.start) };
}

/** How a date is drawn, in words: for the screen-reader label of its bar. */
export function precisionText(date: DateRangeT): string {
  if (date.end && date.end !== date.start) return `a range from ${date.start} to ${date.end}`;
  return date.precision === 'year'
    ? 'sometime in the year'
    : date.precision === 'month'
      ? 'sometime in the month'
      : 'on the day';
}

/** The whole years an axis covers, with the items' spans inside it. */
export function axisOf(spans: readonly Span[]): { from: number; to: number; years: number[] } {
  if (spans.length === 0) return { from: 0, to: 1, years: [] };
  const from = Math.floor(Math.min(...spans.map((s) => s.start)));
  const to = Math.max(from + 1, Math.ceil(Math.max(...spans.map((s) => s.end))));
  const years: number[] = [];
  for (let y = from; y < to; y += 1) years.push(y);
  return { from, to, years };
}

/** Position on the axis as a percentage. */
export function percent(value: number, axis: { from: number; to: number }): number {
  return ((value - axis.from) / (axis.to - axis.from)) * 100;
}
