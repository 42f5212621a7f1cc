import { memo, useMemo } from 'react';
import type { Draft, Selection } from './types.js';

interface Span {
  start: number;
  end: number;
  className: string;
  title: string;
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
    const className = `imp-mark imp-mark--${state}${c.id === focused ? ' imp-mark--focus' : ''}`;
    const title = `${c.decision?.name ?? c.name} (${c.decision?.kind ?? c.kind}, ${state})`;
    for (const m of c.mentions) spans.push({ start: m.start, end: m.end, className, title });
  }
  spans.sort((a, b) => a.start - b.start);
  const kept: Span[] = [];
  for (const s of spans) if (s.start >= (kept.at(-1)?.end ?? 0)) kept.push(s);
  return kept;
}

// About this many characters per block: small enough that a decision re-renders a few blocks, and
// that the browser lays out only the blocks on screen (content-visibility), large enough to be few.
const BLOCK_CHARS = 1_000;

/**
 * Where the text's blocks begin: at a paragraph break near every BLOCK_CHARS, else at a space, and
 * never inside a mark (cuts depend on the marks' places only, which decisions do not move).
 */
function blockStarts(text: string, spans: readonly Span[]): number[] {
  const starts = [0];
  let at = 0;
  let next = 0;
  while (text.length - at > BLOCK_CHARS * 1.5) {
    const target = at + BLOCK_CHARS;
    const paragraph = text.indexOf('\n\n', target);
    let cut = paragraph >= 0 && paragraph < target + BLOCK_CHARS / 2 ? paragraph + 2 : -1;
    if (cut < 0) {
      const space = text.indexOf(' ', target);
      cut = space >= 0 && space < target + BLOCK_CHARS / 2 ? space + 1 : target;
    }
    while (next < spans.length && (spans[next]?.end ?? 0) <= cut) next += 1;
    const inside = spans[next];
    if (inside && inside.start < cut) cut = inside.end;
    // Never between the halves of a surrogate pair.
    if (/[\uDC00-\uDFFF]/.test(text.charAt(cut))) cut += 1;
    if (cut >= text.length) break;
    starts.push(cut);
    at = cut;
  }
  return starts;
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

/**
 * One block of the text with its marks. `marks` is a string of its spans, so a block whose marks
 * did not change is not rendered again when a decision brings a new draft.
 */
const Block = memo(
  function Block({
    text,
    start,
    end,
    spans,
  }: {
    text: string;
    start: number;
    end: number;
    spans: readonly Span[];
    marks: string;
  }) {
    const out: React.ReactNode[] = [];
    let at = start;
    for (const s of spans) {
      if (s.start > at)
        out.push(
          <span key={`t${at}`} data-start={at}>
            {text.slice(at, s.start)}
          </span>,
        );
      out.push(
        <mark key={`m${s.start}`} data-start={s.start} className={s.className} title={s.title}>
          {text.slice(s.start, s.end)}
        </mark>,
      );
      at = s.end;
    }
    if (at < end)
      out.push(
        <span key={`t${at}`} data-start={at}>
          {text.slice(at, end)}
        </span>,
      );
    return <div className="imp-block">{out}</div>;
  },
  (a, b) => a.text === b.text && a.start === b.start && a.end === b.end && a.marks === b.marks,
);

export const SourceText = memo(function SourceText({
  draft,
  focused,
  textRef,
}: {
  draft: Draft;
  focused: string | null;
  textRef: React.RefObject<HTMLDivElement | null>;
}) {
  const text = draft.text;
  const blocks = useMemo(() => {
    const spans = spansOf(draft, focused);
    const starts = blockStarts(text, spans);
    let next = 0;
    return starts.map((start, i) => {
      const end = starts[i + 1] ?? text.length;
      const own: Span[] = [];
      while (next < spans.length && (spans[next]?.start ?? 0) < end) {
        own.push(spans[next] as Span);
        next += 1;
      }
      return {
        start,
        end,
        spans: own,
        marks: own.map((s) => `${s.start}-${s.end} ${s.className} ${s.title}`).join('|'),
      };
    });
  }, [draft, focused, text]);
  return (
    <div ref={textRef} className="imp-text" aria-label="Source text" tabIndex={0}>
      {blocks.map((b) => (
        <Block key={b.start} text={text} start={b.start} end={b.end} spans={b.spans} marks={b.marks} />
      ))}
    </div>
  );
});
