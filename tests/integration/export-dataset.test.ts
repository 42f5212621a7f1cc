// The dataset export against a real Neo4j: the file it writes is a valid trove-dataset/2 document,
// and loading it into an empty database gives back the same graph, property for property.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRoute } from '../../contract/export.js';
import { applySchema, checkDataset, formatErrors, loadDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { getDriver, resetToArticle as resetAll, wipeDatabase as wipeAll } from '../support/neo4j.js';

let driver: Driver;
let app: RunningServer;
let dir: string;

const wipeDatabase = (): Promise<void> => wipeAll(driver);
const resetToArticle = (): Promise<void> => resetAll(driver);

function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (neo4j.isInt(v) ? `int:${v.toString()}` : v));
}

/**
 * What a dataset makes, as sorted lines: every Entity, Source and RelationshipType node with its
 * labels and properties, every relationship between them (statements and mentions) with its type
 * and properties. Stories are the app's own data, not a dataset's, so they are left out.
 */
async function snapshot(): Promise<string[]> {
  const dataset = '(n:Entity OR n:Source OR n:RelationshipType)';
  const { records: nodes } = await driver.executeQuery(
    `MATCH (n) WHERE ${dataset} RETURN n.id AS id, labels(n) AS labels, properties(n) AS props`,
  );
  const { records: rels } = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Source) AND (b:Entity OR b:Source)
     RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props`,
  );
  return [
    ...nodes.map(
      (n) =>
        `${n.get('id') as string} ${[...(n.get('labels') as string[])].sort().join(':')} ${show(n.get('props'))}`,
    ),
    ...rels.map(
      (r) =>
        `${r.get('a') as string}-[${r.get('type') as string}]->${r.get('b') as string} ${show(r.get('props'))}`,
    ),
  ].sort();
}

const checksum = (lines: readonly string[]): string =>
  createHash('sha256').update(lines.join('\n')).digest('hex');

async function exportDataset(query = ''): Promise<{ response: Response; text: string }> {
  const response = await fetch(`${app.url}/api${exportRoute.path}?format=dataset${query}`);
  return { response, text: await response.text() };
}

beforeAll(async () => {
  driver = getDriver();
  await resetToArticle();
  app = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'trove-export-dataset-'));
});

afterAll(async () => {
  await app.close(1_000);
  await rm(dir, { recursive: true, force: true });
  await resetToArticle();
});

describe('GET /api/export?format=dataset', () => {
  it('is a valid dataset that loads into an empty database as the same graph', async () => {
    const before = await snapshot();
    const { response, text } = await exportDataset();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toContain('trove-dataset.json');
    const file = join(dir, 'trove-dataset.json');
    await writeFile(file, text);

    const check = await checkDataset(file);
    expect(check.ok, formatErrors(check.errors)).toBe(true);
    const stored = await driver.executeQuery(
      'MATCH (:Entity)-[m:MENTIONED_IN]->(:Source) RETURN count(m) AS all, count(CASE WHEN m.curated THEN 1 END) AS curated',
    );
    expect(check.counts?.mentions).toBe(Number(stored.records[0]!.get('all')));
    expect(check.counts?.curatedMentions).toBe(Number(stored.records[0]!.get('curated')));

    await wipeDatabase();
    expect(await snapshot()).toEqual([]);
    await applySchema(driver);
    await loadDataset(driver, file);
    const after = await snapshot();

    expect(after).toEqual(before);
    expect(checksum(after)).toBe(checksum(before));
  });

  it('writes what the payload leaves out: source text, background aliases, excluded spans, curated mentions', async () => {
    const { text } = await exportDataset();
    const dataset = JSON.parse(text) as {
      format: string;
      sources: { id: string; text?: string; path?: string; excludeFromMentions?: unknown[] }[];
      entities: { id: string; backgroundAliases: string[] }[];
      mentions: unknown[];
      vocabulary: { relationshipTypes: Record<string, { description: string }> };
    };
    expect(dataset.format).toBe('trove-dataset/2');
    const { records } = await driver.executeQuery(
      'MATCH (s:Source) RETURN s.id AS id, s.text AS text ORDER BY id',
    );
    expect(dataset.sources.map((s) => [s.id, s.text, s.path])).toEqual(
      records.map((r) => [r.get('id'), r.get('text'), undefined]),
    );
    expect(dataset.sources.some((s) => (s.excludeFromMentions ?? []).length > 0)).toBe(true);
    expect(dataset.entities.some((e) => e.backgroundAliases.length > 0)).toBe(true);
    expect(dataset.mentions.length).toBeGreaterThan(0);
    const types = Object.values(dataset.vocabulary.relationshipTypes);
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.description.length > 0)).toBe(true);
  });

  it('with a filter, is still a valid dataset holding only the kept links', async () => {
    const { response, text } = await exportDataset('&types=Person');
    expect(response.status).toBe(200);
    const file = join(dir, 'trove-dataset-people.json');
    await writeFile(file, text);
    const check = await checkDataset(file);
    expect(check.ok, formatErrors(check.errors)).toBe(true);
    const all = await checkDataset(join(dir, 'trove-dataset.json'));
    expect(check.counts!.relationships).toBeGreaterThan(0);
    expect(check.counts!.relationships).toBeLessThan(all.counts!.relationships);
  });
});
