import { useEffect, useState } from 'react';
import { api, type ResponseOf } from '../api/client.js';
import { isAbort, toApiError } from '../api/http.js';
import { playStoryFrom } from '../stories/playback.js';
import { getStory, listStories } from '../stories/api.js';
import { useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { formatDatePart } from '../ui/format.js';
import './sources.css';

type SourceSummary = ResponseOf<'listSources'>['sources'][number];

/**
 * What the landing says first: which article this graph is made of (title, publisher, date and the
 * note on where its text comes from), and the quickest way in, its built-in story.
 */
export function SourceIntro() {
  const [sources, setSources] = useState<SourceSummary[] | null>(null);
  const [storyId, setStoryId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api('listSources', {}, controller.signal).then(
      (body) => setSources(body.sources),
      (error: unknown) => {
        if (!isAbort(error)) setSources([]);
      },
    );
    listStories(controller.signal).then(
      (body) => setStoryId((body.stories.find((s) => s.builtIn) ?? body.stories[0])?.id ?? null),
      () => undefined,
    );
    return () => controller.abort();
  }, []);

  const play = async () => {
    if (!storyId) return;
    try {
      const story = await getStory(storyId);
      playStoryFrom(story, 0);
      announce(`Playing the story “${story.title}”, step 1 of ${story.steps.length}.`);
    } catch (error) {
      setProblem(toApiError(error).message);
    }
  };

  if (sources === null) return null;
  const [source] = sources;
  return (
    <div className="source-intro">
      {source ? (
        <>
          <p className="source-eyebrow">
            {sources.length === 1
              ? 'This graph is drawn from one article'
              : `Drawn from ${sources.length} sources`}
          </p>
          <h3 className="source-title">{source.title}</h3>
          <p className="source-byline">
            {[source.publisher, source.date ? formatDatePart(source.date) : null].filter(Boolean).join(' · ')}
          </p>
          {source.note ? <p className="source-note">{source.note}</p> : null}
        </>
      ) : (
        <h3 className="source-title">Trove</h3>
      )}
      <div className="source-actions">
        {storyId ? (
          <button type="button" className="btn btn--primary" onClick={() => void play()}>
            Play the story
          </button>
        ) : null}
        {source ? (
          <button
            type="button"
            className="btn"
            onClick={() => useView.getState().openReader(source.id, null)}
          >
            Read the article
          </button>
        ) : null}
      </div>
      {problem ? (
        <p className="error-box" role="alert">
          The story could not be loaded: {problem}
        </p>
      ) : null}
    </div>
  );
}
