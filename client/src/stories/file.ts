import { downloadBlob, fileSlug } from '../export/image.js';
import type { StoryInputT, StoryT } from './api.js';

/** A story as its portable JSON: what POST /api/stories accepts, without ids or versions. */
export function storyToInput(story: Pick<StoryT, 'title' | 'description' | 'steps'>): StoryInputT {
  return { title: story.title, description: story.description, steps: story.steps };
}

export function downloadStory(story: Pick<StoryT, 'title' | 'description' | 'steps'>): void {
  const text = `${JSON.stringify(storyToInput(story), null, 2)}\n`;
  downloadBlob(new Blob([text], { type: 'application/json' }), `${fileSlug(story.title)}.story.json`);
}

export type ParsedStory = { ok: true; input: StoryInputT } | { ok: false; errors: string[] };

/**
 * Checks an imported file with the API's own storyInput schema (loaded on demand, so the schema
 * library stays out of the page until someone imports a file). Errors name the field, e.g.
 * "steps.2.nodeIds: must show at least one entity".
 */
export async function parseStoryFile(text: string): Promise<ParsedStory> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not JSON: ${error instanceof Error ? error.message : ''}`] };
  }
  const { storyInput } = await import('./schema.js');
  const result = storyInput.safeParse(json);
  if (result.success) return { ok: true, input: result.data };
  return {
    ok: false,
    errors: result.error.issues.slice(0, 8).map((issue) => {
      const field = issue.path.map(String).join('.');
      return `${field || 'story'}: ${issue.message}`;
    }),
  };
}
