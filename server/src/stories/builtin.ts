import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { parse } from 'yaml';
import { z } from 'zod';
import { storyInput } from '../../../contract/stories.js';
import { DomainError } from '../errors.js';
import { stepsWithSurvivors } from '../resolution/merge.js';
import { createStory, getStory, updateStory } from './query.js';
import { ID_PATTERN } from '../../../model/index.js';

export const builtInStoriesDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'seed',
  'stories',
);

const builtInFile = storyInput.extend({ id: z.string().regex(ID_PATTERN) });

async function resolvedSteps<T>(driver: Driver, steps: T[]): Promise<T[]> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    return await session.executeRead((tx) => stepsWithSurvivors(tx, steps));
  } finally {
    await session.close();
  }
}

/**
 * Loads seed/stories/*.story.yaml as built-in stories: created when missing, replaced when the file
 * changed. The same validation as the API applies, and an invalid file names itself and the step.
 */
export async function loadBuiltInStories(driver: Driver, dir = builtInStoriesDir): Promise<string[]> {
  const loaded: string[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.story.yaml'))
    .sort()) {
    const path = join(dir, file);
    const parsed = builtInFile.safeParse(parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { id, ...content } = parsed.data;
    try {
      const existing = await getStory(driver, id).catch((error: unknown) => {
        if (error instanceof DomainError && error.kind === 'not-found') return null;
        throw error;
      });
      // After a merge the stored story names the survivors; the file, written before, is the same
      // story once its ids resolve, and is not written again at every start.
      const steps = existing ? await resolvedSteps(driver, content.steps) : content.steps;
      if (!existing) {
        await createStory(driver, content, { id, builtIn: true });
      } else if (
        JSON.stringify([existing.title, existing.description, existing.steps]) !==
        JSON.stringify([content.title, content.description, steps])
      ) {
        await updateStory(driver, id, { ...content, version: existing.version }, { asBuiltIn: true });
      }
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
    }
    loaded.push(id);
  }
  return loaded;
}
