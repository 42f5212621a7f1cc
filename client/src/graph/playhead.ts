import type { Core } from 'cytoscape';
import { shownAt, type TimeIndex } from './timeLayer.js';

/** Elements the timeline's playhead has not reached (timeLayer.ts): not drawn, still laid out. */
export const TIME_HIDDEN = 'time-hidden';

/** The playhead on the graph: the drawn elements by date, and how many of them are shown. */
export class Playhead {
  private time: { index: TimeIndex; shown: number } | null = null;

  constructor(private readonly cy: Core) {}

  /**
   * Shows what the playhead at `until` has reached and hides the rest, in place (a class): the layout
   * stays, nothing is added or removed. With the index it was last given, only the elements between
   * the old playhead and the new change; a new index is applied to all once. Returns whether
   * anything changed.
   */
  show(index: TimeIndex, until: string | null): boolean {
    const shown = shownAt(index, until);
    if (this.time?.index === index && this.time.shown === shown) return false;
    this.cy.batch(() => this.apply(index, this.time?.index === index ? this.time.shown : null, shown));
    return true;
  }

  /** New elements come in shown: the playhead is applied to them (and all) again. */
  reapply(): void {
    if (this.time) this.apply(this.time.index, null);
  }

  private apply(index: TimeIndex, before: number | null, shown = this.time?.shown ?? index.ids.length): void {
    const cy = this.cy;
    this.time = { index, shown };
    // One collection per change: a class set on each element alone is an event and a style pass each.
    const set = (from: number, to: number, hidden: boolean) => {
      const run = cy.collection();
      for (let i = from; i < to; i += 1) {
        const ele = cy.getElementById(index.ids[i] ?? '');
        if (ele.nonempty() && ele.hasClass(TIME_HIDDEN) !== hidden) run.merge(ele);
      }
      if (run.empty()) return;
      if (hidden) run.addClass(TIME_HIDDEN);
      else run.removeClass(TIME_HIDDEN);
    };
    if (before === null) {
      // Whatever was hidden by an older index and is no longer in this one (now undated, or on a path).
      cy.elements(`.${TIME_HIDDEN}`).removeClass(TIME_HIDDEN);
      set(shown, index.ids.length, true);
    } else if (shown > before) set(before, shown, false);
    else set(shown, before, true);
  }
}
