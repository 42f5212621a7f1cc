import { useState, type ChangeEvent, type FormEvent } from 'react';
import { toApiError } from '../api/http.js';
import { ExportButtons } from '../export/ExportButtons.js';
import { sourceLine, useSources } from '../export/sources.js';
import type { Scene } from '../graph/scene.js';
import { announce } from '../ui/announce.js';
import { plural } from '../ui/format.js';
import { createStory, getStory, type StoryT } from './api.js';
import { downloadStory, parseStoryFile, storyToInput } from './file.js';
import { goToStep } from './playback.js';
import { editStory, ensureStoryList, storySaved, useStories } from './store.js';
const fetchFull = (id: string): Promise<StoryT> => getStory(id);
export function StoryList({ scene }: { scene: Scene }) {
  const list = useStories((s) => s.list);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const stories = list?.data ?? [];
  const sources = useSources();

  const play = async (id: string) => {
    try {
      const story = await fetchFull(id);
      storySaved(story);
      if (story.steps.length === 0) {
        setMessage({ error: true, text: ['This story has no steps yet. Edit it to add some.'] });
        return;
      }
      goToStep(story, 0);
      announce(`Playing “${story.title}”, step 1 of ${story.steps.length}.`);
    } catch (error) {
      setMessage({ error: true, text: [toApiError(error).message] });
    }
  };

  const create = async (input: Parameters<typeof createStory>[0], edit: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const story = await createStory(input);
      storySaved(story);
      if (edit) editStory(story.id);
      announce(`Story “${story.title}” created.`);
      return story;
    } catch (error) {
      setMessage({ error: true, text: [toApiError(error).message] });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setMessage({ error: true, text: ['title: give the story a title first.'] });
      return;
    }
    if (await create({ title: title.trim(), description: '', steps: [] }, true)) setTitle('');
  };

  const duplicate = async (id: string) => {
    try {
      const original = await fetchFull(id);
      await create({ ...storyToInput(original), title: `Copy of ${original.title}`.slice(0, 200) }, true);
    } catch (error) {
      setMessage({ error: true, text: [toApiError(error).message] });
    }
  };

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const parsed = await parseStoryFile(await file.text());
    if (!parsed.ok) {
      setMessage({ error: true, text: [`${file.name} is not a valid story:`, ...parsed.errors] });
      return;
    }
    const story = await create(parsed.input, false);
    if (story)
      setMessage({
        error: false,
        text: [`Imported “${story.title}” (${plural(story.steps.length, 'step')}).`],
      });
  };

  return (
    <section aria-labelledby="stories-heading">
      <h2 id="stories-heading" className="panel-heading">
        Stories
      </h2>
      <p className="panel-intro muted">
        Guided tours of the graph: each step shows chosen entities and links with a caption and a quote.
      </p>
      {list?.status === 'error' ? (
        <p role="alert" className="error-box">
          The stories could not be loaded: {list.error.message}{' '}
          <button type="button" className="btn btn--small" onClick={() => ensureStoryList(true)}>
            Retry
          </button>
        </p>
      ) : null}
      {!list || (list.status === 'loading' && !list.data) ? <p className="muted">Loading stories…</p> : null}
      <ul className="story-list" aria-label="Stories">
        {stories.map((story) => (
          <li key={story.id} className="story-card">
            <h3 className="story-card-title">{story.title}</h3>
            <p className="muted story-card-meta">
              {plural(story.stepCount, 'step')}
              {story.builtIn ? ' · built in, read-only' : ''}
            </p>
            <div className="story-card-actions">
              <button
                type="button"
                className="btn btn--small btn--primary"
                disabled={story.stepCount === 0}
                onClick={() => void play(story.id)}
              >
                Play <span className="sr-only">{story.title}</span>
              </button>
              {story.builtIn ? (
                <button type="button" className="btn btn--small" onClick={() => void duplicate(story.id)}>
                  Duplicate <span className="sr-only">{story.title}</span>
                </button>
              ) : (
                <button type="button" className="btn btn--small" onClick={() => editStory(story.id)}>
                  Edit <span className="sr-only">{story.title}</span>
                </button>
              )}
              <button
                type="button"
                className="btn btn--small"
                onClick={() =>
                  void fetchFull(story.id).then(downloadStory, (e: unknown) =>
                    setMessage({ error: true, text: [toApiError(e).message] }),
                  )
                }
              >
                Export JSON <span className="sr-only">of {story.title}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form className="story-create" onSubmit={(event) => void onCreate(event)}>
        <label className="field-label" htmlFor="new-story-title">
          New story title
        </label>
        <div className="story-create-row">
          <input
            id="new-story-title"
            value={title}
            maxLength={200}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="e.g. Who ran the camps"
          />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            Create story
          </button>
        </div>
      </form>
      <div className="story-import">
        <label className="btn btn--small file-button">
          Import story from JSON file…
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            onChange={(e) => void onImport(e)}
          />
        </label>
      </div>
      {message ? (
        <div role={message.error ? 'alert' : 'status'} className={message.error ? 'error-box' : 'story-note'}>
          {message.text.length > 1 ? (
            <>
              <p>{message.text[0]}</p>
              <ul>
                {message.text.slice(1).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{message.text[0]}</p>
          )}
        </div>
      ) : null}
      <div className="story-export-view">
        <h3 className="details-subheading">The current view</h3>
        <ExportButtons
          caption={`${plural(scene.nodes.length, 'entity', 'entities')} and ${plural(scene.edges.length, 'link')} of the article graph`}
          source={sourceLine(null, sources)}
          name="trove-view"
          label="Save the graph as"
        />
      </div>
    </section>
  );
}
