// The synthetic corpus written as shards (for loads that do not fit in memory) is the corpus written
// as one file: the same records, texts and mentions, and every shard validates on its own.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetInvalidError } from './load/options.js';
import { readDataset, type CompiledDataset } from './read.js';
import { readShardedDataset, type ShardedDataset } from './shards.js';
import { writeSyntheticDataset, writeSyntheticShards } from './synthetic.js';

// More entities than usual, so that some are named by no link.
const options = { relationships: 1500, entities: 1000, seed: 7 };
let dir = '';
let whole: CompiledDataset;
let sharded: ShardedDataset;
let shardFile = '';

const mentionKeys = (mentions: readonly { entity: string; source: string; start: number; end: number }[]) =>
  mentions.map((m) => `${m.source} ${m.start} ${m.end} ${m.entity}`).sort();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trove-synthetic-'));
  const one = await writeSyntheticDataset(join(dir, 'whole'), options);
  const read = await readDataset(one.file);
  if (!read.ok) throw new Error(read.errors[0]?.problem);
  whole = read.dataset;
  // Two sources a shard: several shards even at this size.
  const shards = await writeSyntheticShards(join(dir, 'shards'), { ...options, sourcesPerShard: 2 });
  expect(shards).toMatchObject({ entities: one.entities, relationships: 1500, sources: one.sources });
  shardFile = shards.file;
  sharded = await readShardedDataset(shardFile);
  // Writing and validating 1,500 links twice takes seconds, more on a busy machine.
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the synthetic corpus in shards', () => {
  it(
    'holds the same entities, sources, texts, links and mentions as the one file',
    { timeout: 60_000 },
    async () => {
      expect(sharded.head.data.entities).toEqual(whole.data.entities);
      const parts = [];
      for await (const shard of sharded.shards()) parts.push(shard);
      expect(parts.length).toBeGreaterThan(2);
      expect(parts.flatMap((p) => p.relationships)).toEqual(whole.data.relationships);
      const strip = ({ absolutePath: _a, ...source }: { absolutePath: string }) => source;
      expect(parts.flatMap((p) => p.sources).map(strip)).toEqual(whole.sources.map(strip));
      expect(mentionKeys(parts.flatMap((p) => p.mentions))).toEqual(mentionKeys(whole.mentions));
      // Some entities are named by no link: the shards cannot say so, entities.json does.
      expect(whole.data.entities.some((e) => e.noMentionReason !== undefined)).toBe(true);
    },
  );

  it(
    'refuses a shard that names an entity entities.json lacks, or differs from it',
    { timeout: 60_000 },
    async () => {
      const head = JSON.parse(await readFile(shardFile, 'utf8')) as {
        entities: { id: string; description: string }[];
      };
      const named = sharded.head.data.entities.find((e) => e.noMentionReason === undefined);
      const broken = async (entities: unknown[]): Promise<string> => {
        const file = join(dir, 'shards', 'broken.json');
        await writeFile(file, JSON.stringify({ ...head, entities }));
        const read = await readShardedDataset(file);
        try {
          for await (const _ of read.shards());
        } catch (error) {
          expect(error).toBeInstanceOf(DatasetInvalidError);
          return (error as DatasetInvalidError).errors.map((e) => `${e.record}: ${e.problem}`).join('\n');
        }
        return 'no error';
      };
      expect(await broken(head.entities.filter((e) => e.id !== named?.id))).toContain(
        `"${named?.id}": is not in`,
      );
      expect(
        await broken(head.entities.map((e) => (e.id === named?.id ? { ...e, description: 'Another.' } : e))),
      ).toContain(`"${named?.id}": differs from its record in`);
    },
  );
});
