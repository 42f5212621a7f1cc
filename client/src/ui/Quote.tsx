import type { EvidenceT } from '../api/types.js';
import { useView } from '../state/view.js';

/** An evidence quote; choosing it opens its own source at that sentence with the quote marked. */
export function Quote({ evidence }: { evidence: EvidenceT }) {
  const reader = useView((s) => s.reader);
  const mark = reader?.mark;
  // Offsets are per source: the same span in another source is another quote.
  const current =
    reader?.sourceId === evidence.sourceId && mark?.start === evidence.start && mark.end === evidence.end;
  const title = evidence.source?.title ?? evidence.sourceId;
  return (
    <button
      type="button"
      className={`quote ${current ? 'quote--current' : ''}`}
      onClick={() =>
        useView.getState().openReader(evidence.sourceId, { start: evidence.start, end: evidence.end })
      }
      title={`Show this sentence in ${title}`}
    >
      {/* Verbatim and without added marks: many quotes end in the article's own ”, which ours would double. */}
      <span className="quote-text">{evidence.quote}</span>
      <span className="quote-action" aria-hidden="true">
        Read in {title} →
      </span>
    </button>
  );
}
