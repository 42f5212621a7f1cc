// Dates with precision: "2014" is a year, not 2014-01-01, so dates stay ISO-8601 prefixes whose
// length is their precision, and ranges compare as text (equal-length prefixes sort like dates).
import type { DatasetDate, Precision } from './dataset.js';

const FORMATS: Record<Precision, RegExp> = {
  year: /^(\d{4})$/,
  month: /^(\d{4})-(\d{2})$/,
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
};

const EXAMPLES: Record<Precision, string> = { year: '2014', month: '2016-08', day: '2019-11-24' };

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date.UTC handles leap years.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why a date string is not a valid date of the given precision, or null when it is. */
export function datePartProblem(value: string, precision: Precision): string | null {
  const match = FORMATS[precision].exec(value);
  if (!match)
    return `"${value}" does not match precision ${precision} (expected e.g. "${EXAMPLES[precision]}")`;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return `"${value}" has no month ${match[2]}`;
    if (match[3] !== undefined) {
      const day = Number(match[3]);
      if (day < 1 || day > daysInMonth(year, month))
        return `"${value}" is not a day: ${year}-${match[2]} has ${daysInMonth(year, month)} days`;
    }
  }
  return null;
}

/** Every problem of a dated record: each end must exist at its precision and the range must not run backwards. */
export function dateProblems(date: DatasetDate): string[] {
  const problems: string[] = [];
  const start = datePartProblem(date.start, date.precision);
  if (start) problems.push(`date start ${start}`);
  if (date.end !== undefined) {
    const end = datePartProblem(date.end, date.precision);
    if (end) problems.push(`date end ${end}`);
    if (!start && !end && date.end < date.start) {
      problems.push(`date end "${date.end}" is before start "${date.start}"`);
    }
  }
  return problems;
}
