import { type StoryT } from './api.js';
import { goToStep } from './playback.js';

/** The link that reopens a step (1-based in the URL); `embed` gives the read-only page. */
export function stepUrl(id: string, index: number, embed = false): string {
  return new URL(
    `${embed ? '/embed' : '/'}?story=${id}&step=${index + 1}${embed ? '' : '&tab=stories'}`,
    location.origin,
  ).toString();
}

/** Previous and Next between a story's steps, in the panel and in the presentation. */
export function StepButtons({ story, index, count }: { story: StoryT; index: number; count: number }) {
  return (
    <>
      <button type="button" className="btn" disabled={index === 0} onClick={() => goToStep(story, index - 1)}>
        ← Previous
      </button>
      <button
        type="button"
        className="btn btn--primary"
        disabled={index >= count - 1}
        onClick={() => goToStep(story, index + 1)}
      >
        Next →
      </button>
    </>
  );
}

export function StepProgress({ index, count }: { index: number; count: number }) {
  return (
    <div className="step-progress">
      <span className="step-progress-text">
        {index + 1} / {count}
        <span className="sr-only"> steps</span>
      </span>
      <span
        className="step-progress-bar"
        role="progressbar"
        aria-label="Story progress"
        aria-valuemin={1}
        aria-valuemax={count}
        aria-valuenow={index + 1}
        aria-valuetext={`Step ${index + 1} of ${count}`}
      >
        <span style={{ width: `${count ? ((index + 1) / count) * 100 : 0}%` }} />
      </span>
    </div>
  );
}
