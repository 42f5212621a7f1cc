import type { Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { createDriver } from '../../server/src/db/driver.js';
import { applySchema, seedIfEmpty } from '../../seed/src/index.js';

let driver: Driver | undefined;

/** A driver to the run's shared test database; one per test file (setup-file.ts closes it). */
export function getDriver(): Driver {
  driver ??= createDriver({
    uri: inject('neo4jUri'),
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
  });
  return driver;
}

export async function closeDriver(): Promise<void> {
  await driver?.close();
  driver = undefined;
}

/** Empties the database in batches (a single DETACH DELETE of a large graph needs a lot of memory). */
export async function wipeDatabase(target: Driver = getDriver()): Promise<void> {
  await target.executeQuery('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS', {}, {});
}

/** Restores the state every test file may assume: the schema and the article, nothing else. */
export async function resetToArticle(target: Driver = getDriver()): Promise<void> {
  await wipeDatabase(target);
  await applySchema(target);
  await seedIfEmpty(target);
}

export async function countAll(
  target: Driver = getDriver(),
): Promise<{ nodes: number; relationships: number }> {
  const { records } = await target.executeQuery(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  const record = records[0]!;
  return { nodes: Number(record.get('nodes')), relationships: Number(record.get('relationships')) };
}
