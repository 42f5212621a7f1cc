import { ApiError, getJson, isAbort } from '../api/http.js';
import type { StoryInputT, StoryStepT, StoryT } from '../../../contract/stories.js';
import type { TimelineItemT } from '../../../contract/timeline.js';

export type { StoryInputT, StoryStepT, StoryT, TimelineItemT };

export interface StorySummary {
  id: string;
  title: string;
  description: string;
  builtIn: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  stepCount: number;
}

export function listStories(signal?: AbortSignal): Promise<{ stories: StorySummary[] }> {
  return getJson('/stories', undefined, signal);
}

export function getStory(id: string, signal?: AbortSignal): Promise<StoryT> {
  return getJson(`/stories/${encodeURIComponent(id)}`, undefined, signal);
}

export function fetchTimeline(signal?: AbortSignal): Promise<{ items: TimelineItemT[] }> {
  return getJson('/timeline', undefined, signal);
}

/** A write to /api: failures become ApiErrors with the server's message (which names the field). */
async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'NETWORK', 'The Trove server does not answer. Nothing was saved.');
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP',
      error?.message ?? `The server answered with status ${response.status}.`,
    );
  }
  return parsed as T;
}

export function createStory(input: StoryInputT): Promise<StoryT> {
  return send('POST', '/stories', input);
}

export function updateStory(id: string, input: StoryInputT & { version: number }): Promise<StoryT> {
  return send('PUT', `/stories/${encodeURIComponent(id)}`, input);
}

export function deleteStory(id: string): Promise<{ deleted: string }> {
  return send('DELETE', `/stories/${encodeURIComponent(id)}`);
}
