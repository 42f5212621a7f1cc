import { sourceName, useSources } from '../export/sources.js';
import { useActiveStep } from '../stories/playback.js';

/** In a story, the list view opens with the step in sentences: where it is, what it says, its quote. */
export function StoryNarration() {
  const active = useActiveStep();
  const sources = useSources();
  if (!active?.story || !active.step) return null;
  const { story, step, index, count } = active;
  return (
    <div className="list-story">
      <h3>
        Story “{story.title}”, step {index + 1} of {count}: {step.title}
      </h3>
      {step.caption ? <p>{step.caption}</p> : null}
      {step.quote ? (
        <p>
          The article says: “{step.quote.quote}” (source: {sourceName(step.quote.sourceId, sources)}).
        </p>
      ) : null}
      <p className="muted">The entities and links of this step follow.</p>
    </div>
  );
}
