// Numbers, dates and keys as people read them; the wording of the graph's domain is in words/.
import type { DateRangeT } from '../api/types.js';

export const MONTHS = [
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

// One formatter: toLocaleString makes a new one on each call, a cost that counts in a render per
// step of a playing timeline.
const NUMBER = new Intl.NumberFormat('en');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}
