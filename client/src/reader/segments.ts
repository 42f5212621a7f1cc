import type { SourceMentionT } from '../api/types.js';
import type { Span } from '../state/view.js';

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** The innermost mention covering this stretch, if any. */
  mention: SourceMentionT | null;
  marked: boolean;
}

/**
 * Cuts the text at every mention and mark boundary, so that overlapping spans (a quote that starts
 * inside a name, a curated "he" inside a longer mention) render as flat, non-nested pieces.
 */
export function segment(text: string, mentions: readonly SourceMentionT[], mark: Span | null): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of mentions) {
    if (m.start >= 0 && m.end <= text.length && m.start < m.end) {
      cuts.add(m.start);
      cuts.add(m.end);
    }
  }
  if (mark) {
    cuts.add(Math.max(0, Math.min(text.length, mark.start)));
    cuts.add(Math.max(0, Math.min(text.length, mark.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (start === end) continue;
    let mention: SourceMentionT | null = null;
    for (const m of mentions) {
      if (m.start <= start && m.end >= end && (!mention || m.end - m.start < mention.end - mention.start))
        mention = m;
    }
    out.push({
      start,
      end,
      text: text.slice(start, end),
      mention,
      marked: !!mark && start >= mark.start && end <= mark.end,
    });
  }
  return out;
}
