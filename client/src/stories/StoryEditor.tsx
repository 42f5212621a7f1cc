import { useEffect, useRef, useState } from 'react';
import type { Scene } from '../graph/scene.js';
import { toApiError } from '../api/http.js';
import type { EvidenceT } from '../api/types.js';
import { graphController } from '../graph/controller.js';
import { useData } from '../state/data.js';
import { currentView, useView } from '../state/view.js';
import { announce } from '../ui/announce.js';
import { plural } from '../ui/format.js';
import { deleteStory, updateStory, type StoryStepT, type StoryT } from './api.js';
import { captureStep, quoteChoices } from './capture.js';
import { downloadStory, storyToInput } from './file.js';
import { goToStep } from './playback.js';
import {
  dropDraft,
  editStory,
  ensureStory,
  setDraft,
  storyDeleted,
  storySaved,
  useStories,
} from './store.js';
export function StoryEditor({ id, scene }: { id: string; scene: Scene }) {
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
    const controller = graphController();
    const step = captureStep(
      scene,
      { camera: controller.camera(), positions: controller.positions() },
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
            </p>
            <QuotePicker step={step} index={i} choose={(quote) => changeStep(i, { quote })} />
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

const quoteKey = (q: EvidenceT) => `${q.sourceId}:${q.start}:${q.end}`;
const short = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text);

/** The author picks the step's quote among those of its link (or of its entity's links). */
function QuotePicker({
  step,
  index,
  choose,
}: {
  step: StoryStepT;
  index: number;
  choose(quote: EvidenceT | null): void;
}) {
  const data = useData();
  const choices = quoteChoices(step.focusId, step.linkId, step.edgeIds, data);
  if (step.quote && !choices.some((q) => quoteKey(q) === quoteKey(step.quote as EvidenceT)))
    choices.unshift(step.quote);
  const id = `step-quote-${index}`;
  return (
    <>
      <label className="field-label" htmlFor={id}>
        Step {index + 1} quote
      </label>
      <select
        id={id}
        value={step.quote ? quoteKey(step.quote) : ''}
        onChange={(e) => choose(choices.find((q) => quoteKey(q) === e.target.value) ?? null)}
      >
        <option value="">No quote</option>
        {choices.map((q) => (
          <option key={quoteKey(q)} value={quoteKey(q)}>
            “{short(q.quote)}”
          </option>
        ))}
      </select>
    </>
  );
}
