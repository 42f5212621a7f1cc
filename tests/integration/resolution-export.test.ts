// The dataset export reflects merges: each survivor carries the ids merged into it (entities and the
// links a merge combined), so that the export loaded into an empty database, followed by an older
// dataset that still uses the merged ids, gives the merged graph again — not the duplicates back.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityResponseT } from '../../contract/entities.js';
import { checkDataset, formatErrors, loadDataset } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { getDriver, resetToArticle, wipeDatabase } from '../support/neo4j.js';
import { allClaims, writeDuplicatesDataset } from '../support/resolution.js';

interface Exported {
  entities: { id: string; mergedIds?: string[] }[];
  relationships: { id: string; mergedIds?: string[] }[];
}

describe('the dataset export after merges', () => {
  let app: RunningServer;
  let older = '';
  let dir = '';

  const post = (path: string, body: unknown) =>
    getJson(`${app.url}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const graph = async () => {
    const { records } = await getDriver().executeQuery(
      `MATCH (e:Entity) WITH collect(e.id) AS entities
       MATCH (:Entity)-[r]->(:Entity) WITH entities, collect(r.id) AS links
       RETURN entities, links`,
    );
    const sorted = (key: string) => [...(records[0]?.get(key) as string[])].sort();
    return { entities: sorted('entities'), links: sorted('links') };
  };

  beforeAll(async () => {
    await resetToArticle();
    older = await writeDuplicatesDataset(getDriver());
    await loadDataset(getDriver(), older);
    dir = await mkdtemp(join(tmpdir(), 'trove-resolution-export-'));
    app = await startTestApp({ OVERLOAD_MAX_IN_FLIGHT: '0' });
  });
  afterAll(async () => {
    await app.close(1_000);
    await rm(dir, { recursive: true, force: true });
    await resetToArticle();
  });

  it('loads into an empty database, then an older dataset with the merged ids resolves to the survivors', async () => {
    expect((await post('/resolution/merge', { survivor: 'xi-jinping', merged: 'mr-xi' })).status).toBe(200);
    expect((await post('/resolution/merge', { survivor: 'uighurs', merged: 'uyghurs' })).status).toBe(200);
    const merged = await graph();
    const claims = await allClaims(getDriver());
    expect(merged.entities).not.toContain('mr-xi');
    expect(merged.links).not.toContain('mr-xi-gave-speech-xi-2014-speech');

    const response = await fetch(`${app.url}/api/export?format=dataset`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const exported = JSON.parse(text) as Exported;
    expect(exported.entities.find((e) => e.id === 'xi-jinping')?.mergedIds).toEqual(['mr-xi']);
    expect(exported.entities.find((e) => e.id === 'uighurs')?.mergedIds).toEqual(['uyghurs']);
    expect(
      exported.relationships.find((r) => r.id === 'xi-jinping-gave-speech-xi-2014-speech')?.mergedIds,
    ).toEqual(['mr-xi-gave-speech-xi-2014-speech']);
    // An entity nothing was merged into has no list.
    expect(exported.entities.find((e) => e.id === 'chen-quanguo')).not.toHaveProperty('mergedIds');

    const file = join(dir, 'trove-dataset.json');
    await writeFile(file, text);
    await wipeDatabase();
    const check = await checkDataset(file);
    expect(check.ok, formatErrors(check.errors)).toBe(true);
    await loadDataset(getDriver(), file);
    expect(await graph()).toEqual(merged);
    expect((await getJson<EntityResponseT>(`${app.url}/api/entities/mr-xi`)).body.entity.id).toBe(
      'xi-jinping',
    );

    // The dataset written before the merges names mr-xi, uyghurs and their own links.
    await loadDataset(getDriver(), older);
    expect(await graph()).toEqual(merged);
    expect(await allClaims(getDriver())).toEqual(claims);
    const xi = (await getJson<EntityResponseT>(`${app.url}/api/entities/mr-xi`)).body;
    expect(xi.entity.id).toBe('xi-jinping');
    expect(xi.entity.aliases).toContain('Mr. Xi');
  });
});
