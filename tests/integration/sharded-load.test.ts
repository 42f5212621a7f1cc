// A dataset too large to hold in memory, loaded shard by shard (seed/src/shards.ts, LoadOptions.shards):
// the same graph as the same corpus loaded from one file, and a load that fails part-way takes back
// every shard it committed, on an empty database and on top of the article.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InjectedFailureError,
  loadCompiledDataset,
  loadDataset,
  type LoadOptions,
} from '../../seed/src/index.js';
import { readShardedDataset } from '../../seed/src/shards.js';
import { writeSyntheticDataset, writeSyntheticShards } from '../../seed/src/synthetic.js';
import { startTestApp } from '../support/app.js';
import { countAll, getDriver, graphSnapshot, resetToArticle, wipeDatabase } from '../support/neo4j.js';

let driver: Driver;
let dir = '';
let wholeFile = '';
let shardsFile = '';

const snapshot = (): Promise<string[]> => graphSnapshot(driver);

async function loadShards(options: LoadOptions = {}) {
  const sharded = await readShardedDataset(shardsFile);
  return loadCompiledDataset(driver, sharded.head, { ...options, shards: sharded.shards() });
}

beforeAll(async () => {
  driver = getDriver();
  dir = await mkdtemp(join(tmpdir(), 'trove-sharded-'));
  const corpus = { relationships: 2000, seed: 11 };
  ({ file: wholeFile } = await writeSyntheticDataset(join(dir, 'whole'), corpus));
  ({ file: shardsFile } = await writeSyntheticShards(join(dir, 'shards'), { ...corpus, sourcesPerShard: 2 }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await resetToArticle(driver);
});

describe('a sharded load', () => {
  it('writes the same graph as the corpus in one file, and finds it unchanged on a re-run', async () => {
    await wipeDatabase(driver);
    await loadDataset(driver, wholeFile);
    const reference = await snapshot();
    await wipeDatabase(driver);
    const summary = await loadShards();
    expect(summary.created.relationships).toBe(2000);
    expect(await snapshot()).toEqual(reference);
    const again = await loadShards();
    expect(again.created).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(again.updated).toEqual({ sources: 0, entities: 0, relationships: 0, mentions: 0 });
    expect(await snapshot()).toEqual(reference);
  }, 900_000);

  it('takes back every shard it committed when it fails part-way', async () => {
    await wipeDatabase(driver);
    // Past the entities and a few shards: transactions of 300 rows, statements of 100.
    const failing = { transactionSize: 300, batchSize: 100, failAfterBatches: 90 };
    await expect(loadShards(failing)).rejects.toBeInstanceOf(InjectedFailureError);
    expect(await countAll(driver)).toEqual({ nodes: 0, relationships: 0 });

    await resetToArticle(driver);
    const before = await snapshot();
    await expect(loadShards(failing)).rejects.toBeInstanceOf(InjectedFailureError);
    expect(await snapshot()).toEqual(before);
  }, 900_000);

  it('refuses other writers until it ends, so taking it back writes over nobody', async () => {
    await resetToArticle(driver);
    const before = await snapshot();
    const app = await startTestApp();
    let outcome: Promise<unknown> = Promise.resolve();
    try {
      const notSame = () =>
        fetch(`${app.url}/api/resolution/not-same`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ a: 'xi-jinping', b: 'chen-quanguo' }),
        });
      let firstBatch: () => void = () => undefined;
      const batching = new Promise<void>((resolve) => (firstBatch = resolve));
      // Settled either way, so that a failed expectation below still waits for the load to end.
      outcome = loadShards({
        transactionSize: 300,
        batchSize: 100,
        failAfterBatches: 40,
        onProgress: () => firstBatch(),
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      await batching;
      // Waits for the batch in flight to commit, then finds the load's claim on the graph.
      const during = await notSame();
      const body = (await during.json()) as { error: { code: string; message: string } };
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('10');
      expect(body.error.code).toBe('DATABASE_BUSY');
      expect(body.error.message).toMatch(/A dataset is being loaded \(.*shards.*\)/);
      expect(await outcome).toBeInstanceOf(InjectedFailureError);
      expect(await snapshot()).toEqual(before);
      // The claim ends with the load.
      expect((await notSame()).status).toBe(200);
    } finally {
      await outcome;
      await app.close(1_000);
    }
  }, 900_000);
});
