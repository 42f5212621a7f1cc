import { api, type ResponseOf } from '../api/client.js';
import type { StoryInputT, StoryStepT, StoryT } from '../../../contract/stories.js';
import type { TimelineItemT } from '../../../contract/timeline.js';

export type { StoryInputT, StoryStepT, StoryT, TimelineItemT };

/** A story without its steps, as the list gives it. */
export type StorySummary = ResponseOf<'listStories'>['stories'][number];

export function listStories(signal?: AbortSignal): Promise<ResponseOf<'listStories'>> {
  return api('listStories', {}, signal);
}

export function getStory(id: string, signal?: AbortSignal): Promise<StoryT> {
  return api('getStory', { params: { id } }, signal);
}

export function fetchTimeline(signal?: AbortSignal): Promise<ResponseOf<'getTimeline'>> {
  return api('getTimeline', {}, signal);
}

export function createStory(input: StoryInputT): Promise<StoryT> {
  return api('createStory', { body: input });
}

export function updateStory(id: string, input: StoryInputT & { version: number }): Promise<StoryT> {
  return api('updateStory', { params: { id }, body: input });
}

export function deleteStory(id: string): Promise<{ deleted: string }> {
  return api('deleteStory', { params: { id } });
}
