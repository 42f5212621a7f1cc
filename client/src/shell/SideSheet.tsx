import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { Scene } from '../graph/scene.js';
import { useView } from '../state/view.js';
import { SidePanel } from './SidePanel.js';

/** Peek (the tabs and a line), about half the screen, nearly all of it: heights in px or of the window. */
const PEEK = 148;
const snaps = () => [PEEK, Math.round(window.innerHeight * 0.55), Math.round(window.innerHeight * 0.92)];

/**
 * The side panel on a phone: a bottom sheet over the graph that is never closed. It peeks with its
 * tabs, rises to half the screen when something is chosen, and is dragged by its handle (or moved
 * with the handle's button) between peek, half and nearly full. Not a dialog: the graph above stays
 * usable and readable by screen readers.
 *
 * Not vaul (tried, then removed): vaul 1.1.2 never passes `modal={false}` on to Radix, so a
 * "non-modal" drawer still hides the rest of the page from screen readers and traps focus
 * (emilkowalski/vaul#582, fixed by #580 after that release).
 */
export function SideSheet({ scene }: { scene: Scene }) {
  const [level, setLevel] = useState(0);
  const [drag, setDrag] = useState<number | null>(null);
  const start = useRef<{ y: number; height: number } | null>(null);
  const selected = useView((s) => s.selected);
  const selectedEdge = useView((s) => s.selectedEdge);
  const tab = useView((s) => s.tab);

  // Choosing something, or another tab, is asking to read it: the sheet rises from its peek.
  useEffect(() => {
    if (selected || selectedEdge) setLevel((current) => Math.max(current, 1));
  }, [selected, selectedEdge]);
  const firstTab = useRef(tab);
  useEffect(() => {
    if (tab !== firstTab.current) setLevel((current) => Math.max(current, 1));
  }, [tab]);

  const heights = snaps();
  const height = drag ?? heights[level] ?? PEEK;

  // The graph keeps to the part of the screen above the sheet (up to half of it), so what is chosen
  // stays in view when the sheet rises; the canvas follows its container's size.
  const settled = heights[Math.min(level, 1)] ?? PEEK;
  useEffect(() => {
    document.documentElement.style.setProperty('--sheet-height', `${settled}px`);
    return () => {
      document.documentElement.style.removeProperty('--sheet-height');
    };
  }, [settled]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { y: event.clientY, height };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const next = start.current.height + (start.current.y - event.clientY);
    setDrag(Math.max(PEEK, Math.min(heights[2] ?? next, next)));
  };
  const onPointerUp = () => {
    if (!start.current) return;
    start.current = null;
    if (drag !== null) {
      // The nearest of the three heights.
      let best = 0;
      heights.forEach((h, i) => {
        if (Math.abs(h - drag) < Math.abs((heights[best] ?? 0) - drag)) best = i;
      });
      setLevel(best);
    }
    setDrag(null);
  };

  return (
    <div className="side-sheet" style={{ height }} data-dragging={drag !== null || undefined}>
      <div
        className="side-sheet-top"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <span className="side-sheet-handle" aria-hidden="true" />
        <button
          type="button"
          className="btn btn--small side-sheet-toggle"
          aria-expanded={level > 0}
          onPointerDown={(event) => event.stopPropagation()}
          onClick={() => setLevel(level < 2 ? 2 : 0)}
        >
          {level < 2 ? 'Expand panel' : 'Lower panel'}
        </button>
      </div>
      {/* A tab tapped in the peeking sheet is a wish to read it: the sheet rises. */}
      <div
        className="side-sheet-body"
        onClickCapture={(event) => {
          if ((event.target as HTMLElement).closest('[role="tab"]'))
            setLevel((current) => Math.max(current, 1));
        }}
      >
        <SidePanel scene={scene} />
      </div>
    </div>
  );
}
