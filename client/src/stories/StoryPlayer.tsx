import { useEffect, useRef, useState } from 'react';
import { EmbedSnippet } from '../export/EmbedSnippet.js';
import { ExportButtons } from '../export/ExportButtons.js';
import { sourceLine, sourceName, useSources } from '../export/sources.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { goToStep, useActiveStep } from './playback.js';
import { editStory } from './store.js';
import { StepButtons, StepProgress, stepUrl } from './StepControls.js';
export function StoryPlayer() {
  const active = useActiveStep();
  const sources = useSources();
  const openReader = useView((s) => s.openReader);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);

  const index = active?.index ?? 0;
  const storyId = active?.story?.id;
  // Keyboard users follow the step: focus moves to its title unless they are busy elsewhere.
  useEffect(() => {
    setCopied(false);
    const focused = document.activeElement;
    if (!focused || focused === document.body || panelRef.current?.contains(focused))
      headingRef.current?.focus({ preventScroll: false });
  }, [storyId, index]);

  if (!active) return null;
  const { story, step, count, error } = active;
  if (error)
    return (
      <section aria-label="Story">
        <p role="alert" className="error-box">
          {error}
        </p>
        <button type="button" className="btn" onClick={() => useView.getState().playStory(null)}>
          Back to exploring
        </button>
      </section>
    );
  if (!story || !step) return <p className="muted">Loading the story…</p>;

  const link = stepUrl(story.id, index);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      announce('Link to this step copied.');
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="story-player" aria-labelledby="story-player-title" ref={panelRef}>
      <div className="story-player-top">
        <button type="button" className="btn btn--small" onClick={() => useView.getState().playStory(null)}>
          ← All stories
        </button>
        <button
          type="button"
          className="btn btn--small btn--primary"
          onClick={() => useView.getState().setPresenting(true)}
        >
          Present
        </button>
      </div>
      <p className="eyebrow" id="story-player-title">
        {story.title}
      </p>
      <StepProgress index={index} count={count} />
      <h2 className="story-step-title" tabIndex={-1} ref={headingRef}>
        {step.title}
      </h2>
      {step.caption ? <p className="story-caption">{step.caption}</p> : null}
      {step.quote ? (
        <figure className="story-quote">
          <blockquote>{step.quote.quote}</blockquote>
          <figcaption>
            — {sourceName(step.quote.sourceId, sources)}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() =>
                step.quote &&
                openReader(step.quote.sourceId, { start: step.quote.start, end: step.quote.end })
              }
            >
              Read in article
            </button>
          </figcaption>
        </figure>
      ) : null}
      <div className="story-nav" role="group" aria-label="Steps">
        <StepButtons story={story} index={index} count={count} />
      </div>
      <p className="muted story-keys">Left and right arrow keys also move between steps.</p>
      <div className="story-share">
        <a href={link} className="story-link">
          Link to this step
        </a>
        <button type="button" className="btn btn--small" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <a href={stepUrl(story.id, index, true)} className="story-link">
          Embeddable view
        </a>
      </div>
      <EmbedSnippet url={stepUrl(story.id, index, true)} title={`Trove: ${story.title}, step ${index + 1}`} />
      <ExportButtons
        caption={`${step.title}${step.caption ? `\n${step.caption}` : ''}`}
        source={sourceLine(step.quote, sources)}
        name={`${story.title} step ${index + 1}`}
        label="Save this step as"
      />
      <details className="story-steps">
        <summary>All {count} steps</summary>
        <ol>
          {story.steps.map((s, i) => (
            <li key={`${i}-${s.title}`}>
              <button
                type="button"
                className="link-button"
                aria-current={i === index ? 'step' : undefined}
                onClick={() => goToStep(story, i)}
              >
                {s.title}
              </button>
            </li>
          ))}
        </ol>
      </details>
      {!story.builtIn ? (
        <button type="button" className="btn btn--small" onClick={() => editStory(story.id)}>
          Edit this story
        </button>
      ) : null}
    </section>
  );
}
