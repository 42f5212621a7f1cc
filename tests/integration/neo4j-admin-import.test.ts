// format=neo4j-admin through the REAL `neo4j-admin database import full` (Neo4j's AdminTool from the
// project's own jars, neo4j/admin.ts) into a fresh store, started as a second embedded Neo4j, must
// give back the live store exactly: every node with its labels, every relationship with its type,
// every property with its value and type, for the article plus a second source (claims in a source's
// own voice, sourced alternatives, background and empty aliases, sources, mentions, stories).
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFull } from '../../neo4j/admin.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/launcher.js';
import { loadDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';

const fixture = fileURLToPath(new URL('../../seed/fixtures/contested-source.yaml', import.meta.url));
let app: RunningServer;
let dir: string;
let imported: EmbeddedNeo4j | undefined;
let importedDriver: Driver | undefined;

/** A value with its Neo4j type spelled out, so a long and a double, or a list and a string, differ. */
function typed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(typed);
  if (neo4j.isInt(value)) return `long:${value.toString()}`;
  if (typeof value === 'number') return `double:${value}`;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return `${typeof value}:${String(value)}`;
}

const props = (p: Record<string, unknown>): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(p)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, typed(v)]),
    ),
  );

/**
 * The store as sorted lines, independent of internal ids: each node as its labels and properties,
 * each relationship as its start node, type, properties and end node, written out in full.
 */
async function store(driver: Driver): Promise<string[]> {
  const { records: nodes } = await driver.executeQuery(
    'MATCH (n) RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props',
  );
  const line = new Map(
    nodes.map((r) => [
      r.get('key') as string,
      `(${[...(r.get('labels') as string[])].sort().join(':')} ${props(r.get('props') as Record<string, unknown>)})`,
    ]),
  );
  const { records: rels } = await driver.executeQuery(
    'MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b',
  );
  return [
    ...line.values(),
    ...rels.map(
      (r) =>
        `${line.get(r.get('a') as string)}-[:${r.get('type') as string} ${props(r.get('props') as Record<string, unknown>)}]->${line.get(r.get('b') as string)}`,
    ),
  ].sort();
}

beforeAll(async () => {
  await resetToArticle(getDriver());
  await loadDataset(getDriver(), fixture);
  app = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'trove-admin-import-'));
});

afterAll(async () => {
  await importedDriver?.close();
  await imported?.stop();
  await app.close(1_000);
  await rm(dir, { recursive: true, force: true });
  await resetToArticle(getDriver());
});

describe('GET /api/export?format=neo4j-admin, imported with the real neo4j-admin', () => {
  it('gives back the live store exactly', { timeout: 600_000 }, async () => {
    const live = await store(getDriver());
    const response = await fetch(`${app.url}/api/export?format=neo4j-admin`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const csv = join(dir, 'csv');
    await mkdir(csv);
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(csv, name), bytes);
    expect(strFromU8(files['README.txt']!)).toContain('neo4j-admin database import full --nodes=nodes-1.csv');

    const home = join(dir, 'store');
    const output = await importFull(csv, home);
    expect(output).toMatch(/IMPORT DONE/);

    imported = await startEmbeddedNeo4j({
      dataDir: home,
      port: 0,
      heapMb: 256,
      pageCacheMb: 32,
      log: () => undefined,
    });
    importedDriver = neo4j.driver(imported.uri, neo4j.auth.basic(imported.user, imported.password));
    const restore = strFromU8(files['restore-lists.cypher']!)
      .split('\n')
      .filter((statement) => statement.trim() !== '');
    // The lists CSV cannot hold: [] aliases, [''] for claims in a source's own voice, and so on.
    expect(restore.length).toBeGreaterThan(50);
    for (const statement of restore) {
      const { summary } = await importedDriver.executeQuery(statement);
      expect(summary.counters.updates().propertiesSet, statement.slice(0, 200)).toBeGreaterThan(0);
    }

    const copy = await store(importedDriver);
    expect(copy.length).toBe(live.length);
    expect(copy).toEqual(live);
    // What the old export lost is there: sources with text, mentions, background and empty aliases.
    expect(live.some((l) => l.startsWith('(Source ') && l.includes('"text":'))).toBe(true);
    expect(live.some((l) => l.includes('[:MENTIONED_IN '))).toBe(true);
    expect(live.some((l) => l.includes('"aliases":[]'))).toBe(true);
    expect(live.some((l) => /"backgroundAliases":\["/.test(l))).toBe(true);
  });
});
