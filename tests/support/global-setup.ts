// Starts one real Neo4j for the whole test run (unless NEO4J_URI names a disposable one), seeds the
// article, and hands its URI to the test files through vitest's provide/inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/launcher.js';
import { createDriver, waitForDatabase } from '../../server/src/db/driver.js';
import { applySchema, seedIfEmpty } from '../../seed/src/index.js';
import { loadBuiltInStories } from '../../server/src/stories/builtin.js';
import { ensureStorySchema } from '../../server/src/stories/query.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
  }
}

interface Shared {
  users: number;
  ready: Promise<{ uri: string; password: string; embedded?: EmbeddedNeo4j; dataDir?: string }>;
}

// Integration and e2e projects both list this file; they run in one process, so the database is
// shared through globalThis and stopped when the last project is done with it.
const key = Symbol.for('trove.tests.neo4j');
const store = globalThis as unknown as Record<symbol, Shared | undefined>;

async function start(): Promise<{
  uri: string;
  password: string;
  embedded?: EmbeddedNeo4j;
  dataDir?: string;
}> {
  const user = process.env.NEO4J_USER ?? 'neo4j';
  let password = process.env.NEO4J_PASSWORD ?? '';
  let uri = process.env.NEO4J_URI;
  let embedded: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  if (!uri) {
    dataDir = mkdtempSync(join(tmpdir(), 'trove-test-neo4j-'));
    embedded = await startEmbeddedNeo4j({
      dataDir,
      port: 0,
      heapMb: 768,
      pageCacheMb: 128,
      log: () => undefined,
    });
    uri = embedded.uri;
    // The embedded database always has authentication on: its generated password is the run's.
    password = embedded.password;
  }
  const driver = createDriver({ uri, user, password });
  try {
    await waitForDatabase(driver);
    await applySchema(driver);
    await seedIfEmpty(driver);
    await ensureStorySchema(driver);
    await loadBuiltInStories(driver);
  } finally {
    await driver.close();
  }
  return { uri, password, embedded, dataDir };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = store[key];
  if (!shared) {
    shared = { users: 0, ready: start() };
    store[key] = shared;
  }
  shared.users += 1;
  const { uri, password } = await shared.ready;
  project.provide('neo4jUri', uri);
  project.provide('neo4jUser', process.env.NEO4J_USER ?? 'neo4j');
  project.provide('neo4jPassword', password);

  return async () => {
    const current = store[key];
    if (!current) return;
    current.users -= 1;
    if (current.users > 0) return;
    store[key] = undefined;
    const { embedded, dataDir } = await current.ready;
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
