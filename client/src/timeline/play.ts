// The timeline's playhead: what was known or happening by a date. Pure functions shared by the graph's
// scene, the map and the timeline panel, so the three agree on what is shown at each step.
import type { DateRangeT, GraphEdgeT } from '../api/types.js';
import { endOf, startOf } from './axis.js';
import { MONTHS } from '../ui/format.js';

type Dated = Pick<DateRangeT, 'start' | 'end'> & Partial<Pick<DateRangeT, 'precision'>>;

/**
 * Where something stands at the playhead (the end of `until`): `future` has not begun; `during` has
 * begun but its period is not over, which for an imprecise date ("2014") means it may or may not have
 * happened yet; `past` is over; `undated` has no date and is set apart, never guessed.
 */
export type TimeState = 'future' | 'during' | 'past' | 'undated';

export function timeState(date: Dated | null | undefined, until: string): TimeState {
  if (!date) return 'undated';
  const at = endOf(until);
  if (startOf(date.start) >= at) return 'future';
  return endOf(date.end ?? date.start) > at ? 'during' : 'past';
}

/** Whether the playhead shows it: anything not in the future; no playhead shows everything. */
export function passesUntil(date: Dated | null | undefined, until: string | null | undefined): boolean {
  return !until || timeState(date, until) !== 'future';
}

/**
 * When a link became known: its claims' own dates where they have them (the earliest), else the date
 * of what it describes, else none.
 */
export function edgeTime(edge: Pick<GraphEdgeT, 'date' | 'evidence'>): DateRangeT | null {
  let earliest: DateRangeT | null = null;
  for (const claim of edge.evidence) {
    if (claim.date && (!earliest || startOf(claim.date.start) < startOf(earliest.start)))
      earliest = claim.date;
  }
  return earliest ?? edge.date;
}

/** The playhead's steps: every month from `from` to `to` (fractional years, `to` exclusive). */
export function monthSteps(from: number, to: number): string[] {
  const steps: string[] = [];
  for (let year = Math.floor(from); year < Math.ceil(to); year += 1) {
    for (let month = 1; month <= 12; month += 1) {
      const start = year + (month - 1) / 12;
      if (start >= from - 1e-9 && start < to - 1e-9) steps.push(`${year}-${String(month).padStart(2, '0')}`);
    }
  }
  return steps;
}

/** "2016-08" → "August 2016", "2016" → "2016": for the slider's label and its screen-reader text. */
export function untilText(until: string): string {
  const [year, month] = until.split('-');
  return month ? `${MONTHS[Number(month) - 1] ?? month} ${year}` : String(year);
}
