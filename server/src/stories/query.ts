import { notFound, invalid, conflict, forbidden } from '../errors.js';
import { randomBytes } from 'node:crypto';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { storyStep, type StoryStepT, type StoryT } from '../../../contract/stories.js';
import { toNumber } from '../db/mapping.js';
import { z } from 'zod';
import { appendChange } from '../history/record.js';
import { lockHistory } from '../history/undo.js';
import { stepsWithSurvivors } from '../resolution/merge.js';
import { encodeProps } from '../history/values.js';

/** Logs a story write in its transaction (history/), with the story before and after for undo. */
async function logStory(
  tx: ManagedTransaction,
  author: string | undefined,
  summary: string,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  if (author === undefined) return;
  const title = (p: Record<string, unknown> | null) => (p ? { title: p.title, version: p.version } : null);
  await appendChange(tx, {
    op: 'story',
    author,
    summary,
    subjects: [id],
    before: title(before),
    after: title(after),
    inverse: {
      kind: 'story',
      id,
      from: after ? encodeProps(after) : null,
      to: before ? encodeProps(before) : null,
    },
  });
}

/**
 * Stories live in Neo4j beside the evidence graph but apart from it: `Story` nodes, never `Entity`,
 * with no relationships into the graph, so no graph query, count or export ever sees them. The steps
 * are one JSON property: a story is always read and replaced whole, and its version guards edits.
 */
export async function ensureStorySchema(driver: Driver): Promise<void> {
  await driver.executeQuery('CREATE CONSTRAINT story_id IF NOT EXISTS FOR (s:Story) REQUIRE s.id IS UNIQUE');
}

export interface StoryContent {
  title: string;
  description: string;
  steps: StoryStepT[];
}

const storedSteps = z.array(storyStep);

/** What a story and its summary in the list both say about it. */
function storyHeader(properties: Record<string, unknown>): Omit<StoryT, 'steps'> {
  return {
    id: String(properties.id),
    title: String(properties.title),
    description: String(properties.description ?? ''),
    builtIn: properties.builtIn === true,
    version: toNumber(properties.version),
    createdAt: String(properties.createdAt),
    updatedAt: String(properties.updatedAt),
  };
}

function toStory(properties: Record<string, unknown>): StoryT {
  return { ...storyHeader(properties), steps: storedSteps.parse(JSON.parse(String(properties.steps))) };
}

export async function listStories(driver: Driver) {
  const { records } = await driver.executeQuery(
    `MATCH (s:Story)
     RETURN s {.id, .title, .description, .builtIn, .version, .createdAt, .updatedAt, .stepCount} AS story
     ORDER BY s.builtIn DESC, s.updatedAt DESC`,
    {},
    { routing: 'READ' },
  );
  return {
    stories: records.map((record) => {
      const s = record.get('story') as Record<string, unknown>;
      return { ...storyHeader(s), stepCount: toNumber(s.stepCount) };
    }),
  };
}

export async function getStory(driver: Driver, id: string): Promise<StoryT> {
  const { records } = await driver.executeQuery(
    'MATCH (s:Story {id: $id}) RETURN properties(s) AS story',
    { id },
    {
      routing: 'READ',
    },
  );
  const record = records[0];
  if (!record) throw notFound(`No story has the id '${id}'.`);
  return toStory(record.get('story') as Record<string, unknown>);
}

/**
 * A story may only point at what the graph holds and quote what the sources say; checked in the
 * same transaction as the write, so a story can never be saved half-valid.
 */
async function checkReferences(tx: ManagedTransaction, steps: StoryStepT[]): Promise<void> {
  const nodeIds = [...new Set(steps.flatMap((s) => [...s.nodeIds, ...(s.focusId ? [s.focusId] : [])]))];
  const edgeIds = [...new Set(steps.flatMap((s) => s.edgeIds))];
  const quotes = steps.flatMap((s, index) => (s.quote ? [{ index, ...s.quote }] : []));
  const result = await tx.run(
    `CALL () { UNWIND $nodeIds AS id OPTIONAL MATCH (e:Entity {id: id}) WITH id WHERE e IS NULL RETURN collect(id) AS missingNodes }
     CALL () { UNWIND $edgeIds AS id OPTIONAL MATCH (:Entity)-[r {id: id}]->(:Entity) WITH id, count(r) AS found WHERE found = 0 RETURN collect(id) AS missingEdges }
     CALL () {
       UNWIND $quotes AS q
       OPTIONAL MATCH (s:Source {id: q.sourceId})
       WITH q, s WHERE s IS NULL OR q.end > size(s.text) OR substring(s.text, q.start, q.end - q.start) <> q.quote
       RETURN collect({index: q.index, sourceId: q.sourceId, missing: s IS NULL}) AS badQuotes
     }
     RETURN missingNodes, missingEdges, badQuotes`,
    { nodeIds, edgeIds, quotes },
  );
  const record = result.records[0];
  if (!record) return;
  const stepOf = (predicate: (s: StoryStepT) => boolean) => steps.findIndex(predicate);
  const [missingNode] = record.get('missingNodes') as string[];
  if (missingNode !== undefined) {
    const id = missingNode;
    const index = stepOf((s) => s.nodeIds.includes(id) || s.focusId === id);
    throw invalid(`steps.${index}.nodeIds: no entity has the id '${id}'`, `steps.${index}.nodeIds`);
  }
  const [missingEdge] = record.get('missingEdges') as string[];
  if (missingEdge !== undefined) {
    const id = missingEdge;
    const index = stepOf((s) => s.edgeIds.includes(id));
    throw invalid(`steps.${index}.edgeIds: no relationship has the id '${id}'`, `steps.${index}.edgeIds`);
  }
  const [bad] = record.get('badQuotes') as { index: unknown; sourceId: string; missing: boolean }[];
  if (bad !== undefined) {
    const index = toNumber(bad.index);
    throw invalid(
      bad.missing
        ? `steps.${index}.quote: no source has the id '${bad.sourceId}'`
        : `steps.${index}.quote: the quote is not verbatim in '${bad.sourceId}' at ${steps[index]?.quote?.start}–${steps[index]?.quote?.end}`,
      `steps.${index}.quote`,
    );
  }
}

/** One managed write transaction: retried on transient errors, rolled back on any throw. */
async function inWriteTransaction<T>(
  driver: Driver,
  work: (tx: ManagedTransaction) => Promise<T>,
): Promise<T> {
  const session = driver.session({ defaultAccessMode: 'WRITE' });
  try {
    return await session.executeWrite(work);
  } finally {
    await session.close();
  }
}

function storedProperties(records: { get(key: string): unknown }[]): Record<string, unknown> {
  const [record] = records;
  if (!record) throw new Error('the story write returned no row');
  return record.get('story') as Record<string, unknown>;
}

function slug(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'story'}-${randomBytes(3).toString('hex')}`;
}

export async function createStory(
  driver: Driver,
  content: StoryContent,
  options: { id?: string; builtIn?: boolean; author?: string } = {},
): Promise<StoryT> {
  const properties = await inWriteTransaction(driver, async (tx) => {
    // Locked before the ids are resolved: a merge committing in between would leave an old id.
    await lockHistory(tx);
    content = { ...content, steps: await stepsWithSurvivors(tx, content.steps) };
    await checkReferences(tx, content.steps);
    const result = await tx.run(
      `CREATE (s:Story {id: $id, title: $title, description: $description, builtIn: $builtIn, version: 1,
                          createdAt: toString(datetime()), updatedAt: toString(datetime()),
                          steps: $steps, stepCount: $stepCount})
         RETURN properties(s) AS story`,
      {
        id: options.id ?? slug(content.title),
        title: content.title,
        description: content.description,
        builtIn: options.builtIn ?? false,
        steps: JSON.stringify(content.steps),
        stepCount: content.steps.length,
      },
    );
    const created = storedProperties(result.records);
    await logStory(tx, options.author, `Created story “${content.title}”`, String(created.id), null, created);
    return created;
  });
  return toStory(properties);
}

/** Replaces a story whole if it is still at `version`; built-in ones only through `asBuiltIn`. */
export async function updateStory(
  driver: Driver,
  id: string,
  content: StoryContent & { version: number },
  options: { asBuiltIn?: boolean; author?: string } = {},
): Promise<StoryT> {
  const properties = await inWriteTransaction(driver, async (tx) => {
    await lockHistory(tx);
    const current = await tx.run(
      'MATCH (s:Story {id: $id}) RETURN s.version AS version, s.builtIn AS builtIn, properties(s) AS story',
      { id },
    );
    const record = current.records[0];
    if (!record) throw notFound(`No story has the id '${id}'.`);
    if (record.get('builtIn') === true && !options.asBuiltIn) {
      throw forbidden('Built-in stories cannot be changed; duplicate the story and edit the copy.');
    }
    const version = toNumber(record.get('version'));
    if (version !== content.version) {
      throw conflict(
        `The story changed since version ${content.version} (now ${version}); reload it and edit again.`,
      );
    }
    content = { ...content, steps: await stepsWithSurvivors(tx, content.steps) };
    await checkReferences(tx, content.steps);
    const result = await tx.run(
      `MATCH (s:Story {id: $id})
         SET s.title = $title, s.description = $description, s.steps = $steps, s.stepCount = $stepCount,
             s.version = s.version + 1, s.updatedAt = toString(datetime())
         RETURN properties(s) AS story`,
      {
        id,
        title: content.title,
        description: content.description,
        steps: JSON.stringify(content.steps),
        stepCount: content.steps.length,
      },
    );
    const updated = storedProperties(result.records);
    const before = record.get('story') as Record<string, unknown>;
    await logStory(tx, options.author, `Edited story “${content.title}”`, id, before, updated);
    return updated;
  });
  return toStory(properties);
}

export async function deleteStory(
  driver: Driver,
  id: string,
  options: { author?: string } = {},
): Promise<{ deleted: string }> {
  return inWriteTransaction(driver, async (tx) => {
    await lockHistory(tx);
    const current = await tx.run(
      'MATCH (s:Story {id: $id}) RETURN s.builtIn AS builtIn, properties(s) AS story',
      { id },
    );
    const record = current.records[0];
    if (!record) throw notFound(`No story has the id '${id}'.`);
    if (record.get('builtIn') === true) {
      throw forbidden('Built-in stories cannot be deleted.');
    }
    await tx.run('MATCH (s:Story {id: $id}) DELETE s', { id });
    const before = record.get('story') as Record<string, unknown>;
    await logStory(tx, options.author, `Deleted story “${String(before.title)}”`, id, before, null);
    return { deleted: id };
  });
}
