import type { EvidenceT } from '../api/types.js';
import { useView } from '../state/view.js';

/** An evidence quote; choosing it opens the article at that sentence with the quote marked. */
export function Quote({ evidence }: { evidence: EvidenceT }) {
  const mark = useView((s) => s.reader?.mark);
  const current = mark?.start === evidence.start && mark.end === evidence.end;
  return (
    <button
      type="button"
      className={`quote ${current ? 'quote--current' : ''}`}
      onClick={() =>
        useView.getState().openReader(evidence.sourceId, { start: evidence.start, end: evidence.end })
      }
      title="Show this sentence in the article"
    >
      {/* Verbatim and without added marks: many quotes end in the article's own ”, which ours would double. */}
      <span className="quote-text">{evidence.quote}</span>
      <span className="quote-action" aria-hidden="true">
        Read in article →
      </span>
    </button>
  );
}
