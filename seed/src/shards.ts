// A dataset too large to hold in memory, read one shard at a time (written by synthetic.ts's
// writeSyntheticShards): `entities.json` names every entity and the shard files, and each shard is a
// complete dataset file of its own (its sources, the entities their texts name, their links), read
// and validated by readDataset like any other. What no single shard can check is checked across
// them: a shard's entities are entities.json's (same records), ids of links and sources are unique
// over all shards, and every entity is mentioned in some shard unless it says why not.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { entitySchema, FORMAT_VERSIONS, relationshipTypeSchema, type DatasetEntity } from './dataset.js';
import { DatasetInvalidError, type DatasetShard } from './load/options.js';
import { displayPath, readDataset, type CompiledDataset } from './read.js';
import { schemaErrors, type ValidationError } from './validate.js';

const headSchema = z.strictObject({
  format: z.enum(FORMAT_VERSIONS),
  description: z.string().optional(),
  vocabulary: z.strictObject({ relationshipTypes: z.record(z.string(), relationshipTypeSchema) }),
  entities: z.array(entitySchema),
  // File names next to entities.json, never paths that leave its folder.
  shards: z.array(z.string().regex(/^[\w.-]+\.json$/, 'must be a file name next to entities.json')).min(1),
});

export interface ShardedDataset {
  /** Every entity and the vocabulary, as a dataset without sources, links or mentions. */
  head: CompiledDataset;
  /** Reads the shards in order, each validated, and checks across them at the end; can be called again. */
  shards: () => AsyncGenerator<DatasetShard>;
}

function invalid(file: string, record: string, problem: string): DatasetInvalidError {
  return new DatasetInvalidError([{ file, record, problem }]);
}

/** Reads entities.json; the shards are read when `shards()` is iterated. Throws DatasetInvalidError. */
export async function readShardedDataset(entitiesFile: string): Promise<ShardedDataset> {
  const absolute = resolve(entitiesFile);
  const file = displayPath(absolute);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(absolute, 'utf8'));
  } catch (error) {
    throw invalid(file, '(file)', `cannot read sharded dataset: ${(error as Error).message}`);
  }
  const parsed = headSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new DatasetInvalidError(schemaErrors(file, raw, parsed.error.issues));
  const { format, vocabulary, entities, shards } = parsed.data;
  const byId = new Map<string, DatasetEntity>();
  const errors: ValidationError[] = [];
  entities.forEach((entity, i) => {
    if (byId.has(entity.id))
      errors.push({ file, record: `entities[${i}] "${entity.id}"`, problem: 'duplicate entity id' });
    byId.set(entity.id, entity);
  });
  if (errors.length > 0) throw new DatasetInvalidError(errors);
  const vocabularyText = JSON.stringify(vocabulary);
  const head: CompiledDataset = {
    file,
    data: { format, vocabulary, entities, sources: [], relationships: [], mentions: [] },
    sources: [],
    mentions: [],
  };

  async function* read(): AsyncGenerator<DatasetShard> {
    const relationshipIds = new Set<string>();
    const sourceIds = new Set<string>();
    const mentioned = new Set<string>();
    for (const name of shards) {
      const result = await readDataset(join(dirname(absolute), name));
      if (!result.ok) throw new DatasetInvalidError(result.errors);
      const shard = result.dataset;
      const problems: ValidationError[] = [];
      const problem = (record: string, text: string): void => {
        problems.push({ file: shard.file, record, problem: text });
      };
      if (JSON.stringify(shard.data.vocabulary) !== vocabularyText)
        problem('vocabulary', `differs from the vocabulary of ${file}`);
      shard.data.entities.forEach((entity, i) => {
        const known = byId.get(entity.id);
        if (!known) problem(`entities[${i}] "${entity.id}"`, `is not in ${file}`);
        else if (JSON.stringify(known) !== JSON.stringify(entity))
          problem(`entities[${i}] "${entity.id}"`, `differs from its record in ${file}`);
      });
      shard.data.relationships.forEach((rel, i) => {
        if (relationshipIds.has(rel.id))
          problem(`relationships[${i}] "${rel.id}"`, 'duplicate relationship id (in an earlier shard)');
        relationshipIds.add(rel.id);
      });
      shard.data.sources.forEach((source, i) => {
        if (sourceIds.has(source.id))
          problem(`sources[${i}] "${source.id}"`, 'duplicate source id (in an earlier shard)');
        sourceIds.add(source.id);
      });
      if (problems.length > 0) throw new DatasetInvalidError(problems);
      for (const mention of shard.mentions) mentioned.add(mention.entity);
      yield { sources: shard.sources, relationships: shard.data.relationships, mentions: shard.mentions };
    }
    // A shard validates only the entities it names; the rest must say why no source names them.
    entities.forEach((entity, i) => {
      if (!mentioned.has(entity.id) && entity.noMentionReason === undefined)
        errors.push({
          file,
          record: `entities[${i}] "${entity.id}"`,
          problem: 'is never mentioned in any shard (add a mention, or give noMentionReason)',
        });
    });
    if (errors.length > 0) throw new DatasetInvalidError(errors);
  }
  return { head, shards: read };
}
