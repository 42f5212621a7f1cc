import { useEffect, useRef } from 'react';
import { sourceName, useSources } from '../export/sources.js';
import { FIT_ZOOM_CAP, graphController } from '../graph/controller.js';
import { LABEL_PX, PRESENT_LABEL_PX } from '../graph/labels.js';
import { useView } from '../state/view.js';
import { goToStep, useActiveStep } from '../stories/playback.js';
import { StepButtons, StepProgress } from '../stories/StoriesPanel.js';
import './presentation.css';

/** A step of a few entities may be drawn this close in a presentation (the explorer stops sooner). */
const PRESENT_FIT_CAP = 2.6;
const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/**
 * The story being played, full screen: the graph above, the step's caption, quote and source large
 * below. Keys, clicks on the caption and the buttons step; Escape (or leaving full screen) ends it.
 * Without the Fullscreen API (or when the browser refuses it) the page itself fills the window.
 */
export function Presentation() {
  const active = useActiveStep();
  const sources = useSources();
  const rootRef = useRef<HTMLDivElement>(null);
  const story = active?.story ?? null;
  const index = active?.index ?? 0;
  const count = active?.count ?? 0;
  const step = active?.step ?? null;

  useEffect(() => {
    const leave = () => useView.getState().setPresenting(false);
    const root = document.documentElement;
    let entered = false;
    if (typeof root.requestFullscreen === 'function' && !document.fullscreenElement) {
      root.requestFullscreen({ navigationUI: 'hide' }).then(
        () => {
          entered = true;
        },
        () => {
          // Refused (no user gesture, or an iframe without allowfullscreen): the window view stays.
        },
      );
    }
    const onChange = () => {
      if (entered && !document.fullscreenElement) leave();
    };
    document.addEventListener('fullscreenchange', onChange);
    rootRef.current?.focus();
    // Read across a room: larger labels, and the step may fill the stage above the caption.
    const controller = graphController();
    controller.setLabelSize(PRESENT_LABEL_PX);
    controller.fitCap = PRESENT_FIT_CAP;
    // The graph area changed size; show the whole step in it once the resize has landed, and again
    // whenever the window changes (full screen, a rotated tablet).
    let frame = requestAnimationFrame(() => controller.fit(undefined, false));
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => controller.fit(undefined, false));
    };
    window.addEventListener('resize', onResize);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', onResize);
      controller.setLabelSize(LABEL_PX);
      controller.fitCap = FIT_ZOOM_CAP;
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  useEffect(() => {
    if (!story) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      // A focused button handles its own Enter and Space.
      if ((event.key === 'Enter' || event.key === ' ') && target?.closest('button, a')) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        useView.getState().setPresenting(false);
      } else if (NEXT.has(event.key)) {
        event.preventDefault();
        goToStep(story, index + 1);
      } else if (PREVIOUS.has(event.key)) {
        event.preventDefault();
        goToStep(story, index - 1);
      } else if (event.key === 'Home') goToStep(story, 0);
      else if (event.key === 'End') goToStep(story, count - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [story, index, count]);

  return (
    <div
      className="presentation"
      role="region"
      aria-label="Presentation"
      aria-roledescription="slide show"
      tabIndex={-1}
      ref={rootRef}
    >
      {story && step ? (
        <>
          <div
            className="presentation-caption"
            key={index}
            aria-live="polite"
            onClick={(event) => {
              if (!(event.target as HTMLElement).closest('button, a')) goToStep(story, index + 1);
            }}
          >
            <p className="presentation-story">{story.title}</p>
            <h2 className="presentation-title">{step.title}</h2>
            {step.caption ? <p className="presentation-text">{step.caption}</p> : null}
            {step.quote ? (
              <figure className="presentation-quote">
                <blockquote>{step.quote.quote}</blockquote>
                <figcaption>— {sourceName(step.quote.sourceId, sources)}</figcaption>
              </figure>
            ) : null}
          </div>
          <div className="presentation-bar">
            <StepProgress index={index} count={count} />
            <div className="presentation-buttons">
              <StepButtons story={story} index={index} count={count} />
              <button type="button" className="btn" onClick={() => useView.getState().setPresenting(false)}>
                Leave presentation <span className="muted">(Esc)</span>
              </button>
            </div>
          </div>
        </>
      ) : (
        <p className="presentation-title">{active?.error ?? 'Loading the story…'}</p>
      )}
    </div>
  );
}
