import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { toApiError } from '../api/http.js';
import { ExportButtons } from '../export/ExportButtons.js';
import { sourceLine, sourceName, useSources } from '../export/sources.js';
import { graphController } from '../graph/controller.js';
import type { Scene } from '../graph/scene.js';
import { useData } from '../state/data.js';
import { currentView, useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { plural } from '../ui/format.js';
import { createStory, deleteStory, getStory, updateStory, type StoryStepT, type StoryT } from './api.js';
import { captureStep } from './capture.js';
import { downloadStory, parseStoryFile, storyToInput } from './file.js';
import { goToStep, useActiveStep } from './playback.js';
import {
  dropDraft,
  editStory,
  ensureStory,
  ensureStoryList,
  setDraft,
  storyDeleted,
  storySaved,
  useStories,
} from './store.js';
import './stories.css';
import { EmbedSnippet } from '../export/EmbedSnippet.js';

/** The link that reopens a step (1-based in the URL); `embed` gives the read-only page. */
export function stepUrl(id: string, index: number, embed = false): string {
  return new URL(
    `${embed ? '/embed' : '/'}?story=${id}&step=${index + 1}${embed ? '' : '&tab=stories'}`,
    location.origin,
  ).toString();
}

const fetchFull = (id: string): Promise<StoryT> => getStory(id);

/** The Stories tab: the list of stories, the player of the one being played, and the editor. */
export function StoriesPanel({ scene }: { scene: Scene }) {
  const playing = useView((s) => s.story !== null);
  const editing = useStories((s) => s.editing);
  useEffect(() => ensureStoryList(), []);
  return (
    <div className="stories">
      {editing ? <StoryEditor id={editing} /> : playing ? <StoryPlayer /> : <StoryList scene={scene} />}
    </div>
  );
}

function StoryList({ scene }: { scene: Scene }) {
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

function StoryPlayer() {
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

function StoryEditor({ id }: { id: string }) {
  const entry = useStories((s) => s.stories[id]);
  const draft = useStories((s) => s.drafts[id]);
  const playing = useView((s) => s.story);
  const [status, setStatus] = useState<{ kind: 'error' | 'conflict' | 'ok'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const focusAfter = useRef<string | null>(null);

  useEffect(() => ensureStory(id), [id]);
  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const saved = entry?.data;
  const story = draft ?? saved;
  if (!story)
    return entry?.status === 'error' ? (
      <p role="alert" className="error-box">
        {entry.error.message}
      </p>
    ) : (
      <p className="muted">Loading the story…</p>
    );

  const dirty = !!draft;
  const change = (patch: Partial<StoryT>) => setDraft({ ...story, ...patch });
  const changeStep = (index: number, patch: Partial<StoryStepT>) =>
    change({ steps: story.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const move = (index: number, delta: number) => {
    const to = index + delta;
    if (to < 0 || to >= story.steps.length) return;
    const steps = [...story.steps];
    const [moved] = steps.splice(index, 1);
    if (!moved) return;
    steps.splice(to, 0, moved);
    change({ steps });
    // Focus follows the moved step, so pressing the same button again keeps moving it.
    focusAfter.current = `step-${delta < 0 ? 'up' : 'down'}-${to}`;
    if (to === 0 || to === steps.length - 1) focusAfter.current = `step-title-${to}`;
    announce(`Moved “${moved.title}” to position ${to + 1} of ${steps.length}.`);
  };
  const remove = (index: number) => {
    const steps = story.steps.filter((_, i) => i !== index);
    change({ steps });
    announce(`Step ${index + 1} deleted.`);
    focusAfter.current = steps.length ? `step-title-${Math.min(index, steps.length - 1)}` : 'add-step';
  };
  const addCurrentView = () => {
    const step = captureStep(
      graphController().cy,
      currentView(),
      useData.getState(),
      `Step ${story.steps.length + 1}`,
    );
    if (!step) {
      setStatus({ kind: 'error', text: 'The graph is empty: show some entities first.' });
      return;
    }
    change({ steps: [...story.steps, step] });
    setStatus(null);
    announce(
      `Step ${story.steps.length + 1} added with ${plural(step.nodeIds.length, 'entity', 'entities')}.`,
    );
    focusAfter.current = `step-title-${story.steps.length}`;
  };

  const save = async () => {
    setSaving(true);
    setStatus(null);
    try {
      const next = await updateStory(story.id, {
        ...storyToInput(story),
        version: saved?.version ?? story.version,
      });
      dropDraft(story.id);
      storySaved(next);
      setStatus({ kind: 'ok', text: `Saved (version ${next.version}).` });
    } catch (error) {
      const e = toApiError(error);
      setStatus(
        e.status === 409
          ? {
              kind: 'conflict',
              text: 'Someone else changed this story since you opened it. Reload it to see their version; your unsaved changes here will be lost.',
            }
          : { kind: 'error', text: e.message },
      );
    } finally {
      setSaving(false);
    }
  };

  const reload = () => {
    dropDraft(story.id);
    ensureStory(story.id, true);
    setStatus(null);
  };

  const remove_ = async () => {
    if (!window.confirm(`Delete the story “${story.title}”? This cannot be undone.`)) return;
    try {
      await deleteStory(story.id);
      if (useView.getState().story?.id === story.id) useView.getState().playStory(null);
      storyDeleted(story.id);
      announce(`Story “${story.title}” deleted.`);
    } catch (error) {
      setStatus({ kind: 'error', text: toApiError(error).message });
    }
  };

  const close = () => {
    if (dirty && !window.confirm('Leave the editor without saving your changes?')) return;
    dropDraft(story.id);
    editStory(null);
  };

  return (
    <section className="story-editor" aria-labelledby="story-editor-heading">
      <h2 id="story-editor-heading" className="panel-heading">
        Edit story {dirty ? <span className="badge">unsaved</span> : null}
      </h2>
      <label className="field-label" htmlFor="story-title">
        Title
      </label>
      <input
        id="story-title"
        value={story.title}
        maxLength={200}
        onChange={(e) => change({ title: e.target.value })}
      />
      <label className="field-label" htmlFor="story-description">
        Description
      </label>
      <textarea
        id="story-description"
        rows={2}
        value={story.description}
        maxLength={5000}
        onChange={(e) => change({ description: e.target.value })}
      />
      {playing ? (
        <p className="story-note">
          The graph shows a step.{' '}
          <button type="button" className="link-button" onClick={() => useView.getState().playStory(null)}>
            Back to exploring
          </button>{' '}
          to build the next view.
        </p>
      ) : null}
      <ol className="story-edit-steps" aria-label="Steps">
        {story.steps.map((step, i) => (
          <li key={`${i}-${step.nodeIds.join(',')}`} className="story-edit-step">
            <label className="field-label" htmlFor={`step-title-${i}`}>
              Step {i + 1} title
            </label>
            <input
              id={`step-title-${i}`}
              value={step.title}
              maxLength={200}
              onChange={(e) => changeStep(i, { title: e.target.value })}
            />
            <label className="field-label" htmlFor={`step-caption-${i}`}>
              Step {i + 1} caption
            </label>
            <textarea
              id={`step-caption-${i}`}
              rows={2}
              value={step.caption}
              maxLength={2000}
              onChange={(e) => changeStep(i, { caption: e.target.value })}
            />
            <p className="muted story-step-meta">
              {plural(step.nodeIds.length, 'entity', 'entities')}, {plural(step.edgeIds.length, 'link')}
              {step.quote ? (
                <>
                  {' '}
                  · quote: “{step.quote.quote.slice(0, 80)}
                  {step.quote.quote.length > 80 ? '…' : ''}”
                </>
              ) : (
                ' · no quote'
              )}
            </p>
            <div className="story-step-actions" role="group" aria-label={`Step ${i + 1}`}>
              <button type="button" className="btn btn--small" onClick={() => goToStep(story, i)}>
                Show <span className="sr-only">step {i + 1}</span>
              </button>
              <button
                id={`step-up-${i}`}
                type="button"
                className="btn btn--small"
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                Move up <span className="sr-only">step {i + 1}</span>
              </button>
              <button
                id={`step-down-${i}`}
                type="button"
                className="btn btn--small"
                disabled={i === story.steps.length - 1}
                onClick={() => move(i, 1)}
              >
                Move down <span className="sr-only">step {i + 1}</span>
              </button>
              <button type="button" className="btn btn--small" onClick={() => remove(i)}>
                Delete <span className="sr-only">step {i + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      {story.steps.length === 0 ? (
        <p className="muted">No steps yet. Arrange the graph, then add it as a step.</p>
      ) : null}
      <button id="add-step" type="button" className="btn" onClick={addCurrentView}>
        Add current view as a step
      </button>
      <div className="story-editor-actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={saving || !dirty}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : 'Save story'}
        </button>
        <button type="button" className="btn" onClick={close}>
          Close editor
        </button>
        <button type="button" className="btn" onClick={() => downloadStory(story)}>
          Export JSON
        </button>
        <button type="button" className="btn btn--danger" onClick={() => void remove_()}>
          Delete story
        </button>
      </div>
      {status ? (
        <div
          role={status.kind === 'ok' ? 'status' : 'alert'}
          className={status.kind === 'ok' ? 'story-note' : 'error-box'}
        >
          <p>{status.text}</p>
          {status.kind === 'conflict' ? (
            <button type="button" className="btn btn--small" onClick={reload}>
              Reload the story
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
