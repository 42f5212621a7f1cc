import neo4j, { type Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { createDriver } from '../../server/src/db/driver.js';
import { applySchema, seedIfEmpty } from '../../seed/src/index.js';
import { loadBuiltInStories } from '../../server/src/stories/builtin.js';
import { ensureStorySchema } from '../../server/src/stories/query.js';
import { LABEL } from '../../model/index.js';

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
  // CALL … IN TRANSACTIONS needs an auto-commit transaction: executeQuery's managed one is refused.
  const session = target.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/** Restores the state every test file may assume: the schema, the article and its built-in story. */
export async function resetToArticle(target: Driver = getDriver()): Promise<void> {
  await wipeDatabase(target);
  await applySchema(target);
  await seedIfEmpty(target);
  await ensureStorySchema(target);
  await loadBuiltInStories(target);
}

/**
 * Nodes and relationships of the graph. The history's counter (the write lock, created by the first
 * write that locks) is bookkeeping, not data: a load that took the lock and one that did not (into an
 * empty database) store the same graph.
 */
export async function countAll(
  target: Driver = getDriver(),
): Promise<{ nodes: number; relationships: number }> {
  const { records } = await target.executeQuery(
    `CALL () { MATCH (n) WHERE NOT n:${LABEL.changeCounter} RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     RETURN nodes, relationships`,
  );
  const record = records[0]!;
  return { nodes: Number(record.get('nodes')), relationships: Number(record.get('relationships')) };
}

/** Properties in key order: Neo4j's order of a node's properties changes when one is rewritten. */
function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (neo4j.isInt(v)) return `int:${v.toString()}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  });
}

/**
 * The stored graph as sorted lines of text (nodes with labels and properties, relationships with
 * theirs, integers marked), to compare two loads exactly; without the history's counter (see countAll).
 */
export async function graphSnapshot(target: Driver = getDriver()): Promise<string[]> {
  const nodes = await target.executeQuery(
    `MATCH (n) WHERE NOT n:${LABEL.changeCounter}
     RETURN coalesce(n.id, elementId(n)) AS id, labels(n) AS labels, properties(n) AS props`,
  );
  const rels = await target.executeQuery(
    'MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props',
  );
  return [
    ...nodes.records.map(
      (r) => `${r.get('id')} ${[...(r.get('labels') as string[])].sort().join(':')} ${show(r.get('props'))}`,
    ),
    ...rels.records.map((r) => `${r.get('a')}-[${r.get('type')}]->${r.get('b')} ${show(r.get('props'))}`),
  ].sort();
}
