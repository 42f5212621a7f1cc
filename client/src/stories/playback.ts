import { useEffect, useMemo } from 'react';
import { graphController } from '../graph/controller.js';
import type { Scene } from '../graph/scene.js';
import { ensureOverview, type DataState } from '../state/data.js';
import { useView, type LayoutName, type ViewState } from '../state/view.js';
import type { StoryStepT, StoryT } from './api.js';
import { buildStoryScene } from './scene.js';
import { ensureStory, useStories } from './store.js';

export interface ActiveStep {
  story: StoryT | null;
  step: StoryStepT | null;
  index: number;
  count: number;
  loading: boolean;
  error: string | null;
}

/** The story being played and its current step, loading it when needed. */
export function useActiveStep(): ActiveStep | null {
  const place = useView((s) => s.story);
  const entry = useStories((s) => (place ? s.stories[place.id] : undefined));
  const draft = useStories((s) => (place ? s.drafts[place.id] : undefined));
  useEffect(() => {
    if (place) ensureStory(place.id);
  }, [place]);
  if (!place) return null;
  const story = draft ?? entry?.data ?? null;
  const count = story?.steps.length ?? 0;
  const index = Math.max(0, Math.min(place.step, count - 1));
  return {
    story,
    step: story?.steps[index] ?? null,
    index,
    count,
    loading: !draft && (!entry || entry.status === 'loading'),
    error:
      entry?.status === 'error'
        ? entry.error.status === 404
          ? 'This story no longer exists; it may have been deleted.'
          : entry.error.message
        : null,
  };
}

/** A view's layout for a step: 'preset' keeps whatever layout the explorer had. */
export function stepLayout(step: StoryStepT, current: LayoutName): LayoutName {
  return step.layout === 'preset' ? current : step.layout;
}

/**
 * Goes to a step of the story being played (clamped), selecting its focus. The step's layout is
 * staged on the graph (useStoryStaging), never written into the explorer's own setting: leaving the
 * story finds the user's layout as it was.
 */
export function goToStep(story: StoryT, index: number): void {
  const clamped = Math.max(0, Math.min(index, story.steps.length - 1));
  const step = story.steps[clamped];
  if (!step) return;
  useView
    .getState()
    .playStory({ id: story.id, step: clamped }, { selected: step.focusId, selectedEdge: step.linkId });
}

export function playStoryFrom(story: StoryT, index = 0): void {
  goToStep(story, index);
}

/** In story mode the graph shows the step; otherwise null and the explorer's scene is drawn. */
export function useStoryScene(view: ViewState, data: DataState): Scene | null {
  const active = useActiveStep();
  const step = active?.step ?? null;
  const playing = view.story !== null;
  useEffect(() => {
    if (playing) ensureOverview();
  }, [playing]);
  return useMemo(
    () => (playing ? buildStoryScene(step, data, active?.loading ?? false) : null),
    [playing, step, data, active?.loading],
  );
}

/**
 * Stages each step on the page's graph once its elements are drawn: the step's layout, then its
 * camera when the step's entities still fit in it (a camera saved on a wide screen may not fit a
 * small one), else a fit to the step. Also leaves the story when the user starts exploring.
 */
export function useStoryStaging(scene: Scene): void {
  const active = useActiveStep();
  const step = active?.step ?? null;
  const drawn = scene.nodes.map((n) => n.id).join(',');
  // Staged once the whole step has arrived: the canvas draws a view only when it is complete.
  const complete = !scene.loading && scene.pending.length === 0;
  const key = step && drawn && complete ? `${active?.story?.id}:${active?.index}:${drawn}` : null;

  useEffect(() => {
    if (!key || !step) return;
    const controller = graphController();
    const frame = () => {
      if (step.camera && controller.showCamera(step.camera)) return;
      // The fit is capped, so a step of a few entities is not blown up to the maximum zoom.
      controller.fit(undefined, false);
    };
    // A step recorded with its positions replays exactly as it was drawn.
    if (step.positions) {
      controller.place(step.positions);
      frame();
      return;
    }
    if (step.layout === 'preset') {
      frame();
      return;
    }
    controller.runLayout(stepLayout(step, useView.getState().layout), {
      randomize: true,
      root: step.focusId,
      onDone: frame,
    });
  }, [key, step]);

  // Expanding, hiding or showing the whole graph means exploring again: the story steps aside.
  useEffect(
    () =>
      useView.subscribe((state, before) => {
        if (!state.story || state.story !== before.story) return;
        if (state.mode !== before.mode || state.seeds !== before.seeds || state.expanded !== before.expanded)
          state.playStory(null);
      }),
    [],
  );
}

/** Arrow keys step through the story, unless the key belongs to a control that uses arrows itself. */
export function useStoryKeys(): void {
  const active = useActiveStep();
  const story = active?.story ?? null;
  const index = active?.index ?? 0;
  const presenting = useView((s) => s.presenting);
  useEffect(() => {
    if (!story || presenting) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!delta) return;
      const target = event.target as HTMLElement | null;
      if (
        target?.closest(
          'input, textarea, select, [contenteditable="true"], [role="tablist"], [role="application"], [role="listbox"], [role="slider"]',
        )
      )
        return;
      event.preventDefault();
      goToStep(story, index + delta);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [story, index, presenting]);
}
