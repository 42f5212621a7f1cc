import { memo, useMemo } from 'react';
import type { Draft, Selection } from './types.js';

interface Span {
  start: number;
  end: number;
  className: string;
  title: string;
  candidate?: string;
}

/** The spans to mark, in order and without overlap (known mentions first, then candidates'). */
function spansOf(draft: Draft, focused: string | null): Span[] {
  const spans: Span[] = draft.mentions.map((m) => ({
    start: m.start,
    end: m.end,
    className: 'imp-mark imp-mark--known',
    title: `${m.name} (${m.kind}, known)`,
  }));
  for (const c of draft.candidates) {
    const state = c.decision?.action ?? 'pending';
    for (const m of c.mentions) {
      spans.push({
        start: m.start,
        end: m.end,
        className: `imp-mark imp-mark--${state}${c.id === focused ? ' imp-mark--focus' : ''}`,
        title: `${c.decision?.name ?? c.name} (${c.decision?.kind ?? c.kind}, ${state})`,
        candidate: c.id,
      });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const kept: Span[] = [];
  for (const s of spans) if (s.start >= (kept.at(-1)?.end ?? 0)) kept.push(s);
  return kept;
}

/** Offset into the draft text of a point in the rendered text (every piece carries its start). */
function offsetOf(node: Node | null, offset: number): number | null {
  const element = node?.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement | null);
  const start = element?.closest<HTMLElement>('[data-start]')?.dataset.start;
  if (start === undefined) return null;
  return Number(start) + (node?.nodeType === Node.TEXT_NODE ? offset : 0);
}

export function selectionIn(container: HTMLElement | null, text: string): Selection | null {
  const selection = window.getSelection();
  if (!container || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return null;
  const a = offsetOf(range.startContainer, range.startOffset);
  const b = offsetOf(range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  let start = Math.min(a, b);
  let end = Math.max(a, b);
  // A quote does not begin or end with blanks.
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
  return end > start ? { start, end, quote: text.slice(start, end) } : null;
}

export const SourceText = memo(function SourceText({
  draft,
  focused,
  textRef,
}: {
  draft: Draft;
  focused: string | null;
  textRef: React.RefObject<HTMLDivElement | null>;
}) {
  const pieces = useMemo(() => {
    const out: React.ReactNode[] = [];
    let at = 0;
    for (const s of spansOf(draft, focused)) {
      if (s.start > at)
        out.push(
          <span key={`t${at}`} data-start={at}>
            {draft.text.slice(at, s.start)}
          </span>,
        );
      out.push(
        <mark key={`m${s.start}`} data-start={s.start} className={s.className} title={s.title}>
          {draft.text.slice(s.start, s.end)}
        </mark>,
      );
      at = s.end;
    }
    if (at < draft.text.length)
      out.push(
        <span key={`t${at}`} data-start={at}>
          {draft.text.slice(at)}
        </span>,
      );
    return out;
  }, [draft, focused]);
  return (
    <div ref={textRef} className="imp-text" aria-label="Source text" tabIndex={0}>
      {pieces}
    </div>
  );
});
