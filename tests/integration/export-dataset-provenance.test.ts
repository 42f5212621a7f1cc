// The dataset export with two sources loaded (the article and seed/fixtures/contested-source.yaml):
// it keeps which source set each entity field and the other source's differing values, so that
// export → `--check` → load into an empty database gives the same graph, provenance included.
// Without it every field came back attributed to the export's first source and the sourced
// alternative (tibet's second description) was lost.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRoute } from '../../contract/export.js';
import { ENTITY_PROVENANCE } from '../../model/index.js';
import { applySchema, checkDataset, formatErrors, loadDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { getDriver, resetToArticle, wipeDatabase } from '../support/neo4j.js';

const fixture = fileURLToPath(new URL('../../seed/fixtures/contested-source.yaml', import.meta.url));
let driver: Driver;
let app: RunningServer;
let dir: string;

/** A property map as text with its keys sorted: the store does not keep the order they were set in. */
const show = (props: Record<string, unknown>): string =>
  JSON.stringify(
    Object.fromEntries(Object.entries(props).sort(([a], [b]) => a.localeCompare(b))),
    (_key, v: unknown) => (neo4j.isInt(v) ? `int:${v.toString()}` : v),
  );

/** Every Entity, Source and RelationshipType node and every relationship between them, as sorted lines. */
async function snapshot(): Promise<string[]> {
  const { records: nodes } = await driver.executeQuery(
    `MATCH (n) WHERE n:Entity OR n:Source OR n:RelationshipType
     RETURN n.id AS id, labels(n) AS labels, properties(n) AS props`,
  );
  const { records: rels } = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Source) AND (b:Entity OR b:Source)
     RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props`,
  );
  return [
    ...nodes.map(
      (n) =>
        `${n.get('id') as string} ${[...(n.get('labels') as string[])].sort().join(':')} ${show(n.get('props') as Record<string, unknown>)}`,
    ),
    ...rels.map(
      (r) =>
        `${r.get('a') as string}-[${r.get('type') as string}]->${r.get('b') as string} ${show(r.get('props') as Record<string, unknown>)}`,
    ),
  ].sort();
}

async function provenanceOf(id: string): Promise<{ fieldSources: string[]; alternatives: string[] }> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Entity {id: $id}) RETURN e[$fs] AS fieldSources, e[$alt] AS alternatives`,
    { id, fs: ENTITY_PROVENANCE.fieldSources, alt: ENTITY_PROVENANCE.alternatives },
  );
  const record = records[0];
  return {
    fieldSources: (record?.get('fieldSources') as string[] | null) ?? [],
    alternatives: (record?.get('alternatives') as string[] | null) ?? [],
  };
}

beforeAll(async () => {
  driver = getDriver();
  await resetToArticle(driver);
  await loadDataset(driver, fixture);
  app = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'trove-export-provenance-'));
});

afterAll(async () => {
  await app.close(1_000);
  await rm(dir, { recursive: true, force: true });
  await resetToArticle(driver);
});

describe('GET /api/export?format=dataset with two sources loaded', () => {
  it('round-trips through --check and an empty database as the same graph, provenance included', async () => {
    const tibet = await provenanceOf('tibet');
    // The fixture describes tibet differently: the article's description stays, the other is sourced.
    expect(tibet.fieldSources).toContain('description=no-mercy-in-xinjiang');
    expect(tibet.alternatives.map((a) => JSON.parse(a) as { source: string })).toEqual([
      expect.objectContaining({ field: 'description', source: 'contested-note' }),
    ]);
    const harbor = await provenanceOf('harbor-rights-monitor');
    expect(harbor.fieldSources).toContain('description=contested-note');

    const before = await snapshot();
    const response = await fetch(`${app.url}/api${exportRoute.path}?format=dataset`);
    expect(response.status).toBe(200);
    const file = join(dir, 'trove-dataset.json');
    await writeFile(file, await response.text());
    const check = await checkDataset(file);
    expect(check.ok, formatErrors(check.errors)).toBe(true);

    await wipeDatabase(driver);
    await applySchema(driver);
    await loadDataset(driver, file);
    expect(await provenanceOf('tibet')).toEqual(tibet);
    expect(await provenanceOf('harbor-rights-monitor')).toEqual(harbor);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses provenance that names a source the dataset does not have', async () => {
    const response = await fetch(`${app.url}/api${exportRoute.path}?format=dataset`);
    const dataset = (await response.json()) as {
      entities: { id: string; provenance?: { fieldSources: Record<string, string> } }[];
    };
    const tibet = dataset.entities.find((e) => e.id === 'tibet');
    expect(tibet?.provenance?.fieldSources.description).toBe('no-mercy-in-xinjiang');
    if (tibet?.provenance) tibet.provenance.fieldSources.description = 'no-such-source';
    const file = join(dir, 'bad-provenance.json');
    await writeFile(file, JSON.stringify(dataset));
    const check = await checkDataset(file);
    expect(check.ok).toBe(false);
    expect(formatErrors(check.errors)).toMatch(/provenance.*unknown source "no-such-source"/);
  });
});
