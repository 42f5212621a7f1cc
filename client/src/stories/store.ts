import { create } from 'zustand';
import { toApiError, type ApiError } from '../api/http.js';
import type { Loadable } from '../state/data.js';
import { getStory, listStories, type StorySummary, type StoryT } from './api.js';

interface StoriesState {
  list?: Loadable<StorySummary[]>;
  stories: Record<string, Loadable<StoryT>>;
  /** Unsaved edits by story id: played in place of the saved story, so "Show" shows the draft. */
  drafts: Record<string, StoryT>;
  /** The story open in the editor. */
  editing: string | null;
}

export const useStories = create<StoriesState>()(() => ({ stories: {}, drafts: {}, editing: null }));

export function setDraft(story: StoryT): void {
  set({ drafts: { ...get().drafts, [story.id]: story } });
}

export function dropDraft(id: string): void {
  set({ drafts: Object.fromEntries(Object.entries(get().drafts).filter(([key]) => key !== id)) });
}

export function editStory(id: string | null): void {
  set({ editing: id });
}

const set = useStories.setState;
const get = useStories.getState;

export function ensureStoryList(force = false): void {
  const current = get().list;
  if (current && !force && current.status !== 'error') return;
  if (current?.status === 'loading') return;
  set({ list: { status: 'loading', data: current?.data } });
  listStories().then(
    (body) => set({ list: { status: 'ready', data: body.stories } }),
    (error: unknown) => set({ list: { status: 'error', error: toApiError(error), data: current?.data } }),
  );
}

export function ensureStory(id: string, force = false): void {
  const current = get().stories[id];
  if (current?.status === 'loading' || (current && !force && current.status === 'ready')) return;
  const write = (value: Loadable<StoryT>) => set({ stories: { ...get().stories, [id]: value } });
  write({ status: 'loading', data: current?.data });
  getStory(id).then(
    (story) => write({ status: 'ready', data: story }),
    (error: unknown) => write({ status: 'error', error: toApiError(error), data: current?.data }),
  );
}

/** After a save: the saved story replaces the cached one, and the list learns its new title. */
export function storySaved(story: StoryT): void {
  set({ stories: { ...get().stories, [story.id]: { status: 'ready', data: story } } });
  ensureStoryList(true);
}

export function storyDeleted(id: string): void {
  const stories = Object.fromEntries(Object.entries(get().stories).filter(([key]) => key !== id));
  set({ stories, editing: get().editing === id ? null : get().editing });
  dropDraft(id);
  ensureStoryList(true);
}

export function storyError(id: string): ApiError | null {
  const entry = get().stories[id];
  return entry?.status === 'error' ? entry.error : null;
}
