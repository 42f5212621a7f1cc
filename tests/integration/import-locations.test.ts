// Issue 19: the import proposes a location for a new place from the offline gazetteer, the reviewer
// accepts or rejects it, and an accepted one is stored with the entity on publish and written in
// the downloaded datasets. The gazetteer also kinds as places the names compromise did not.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as spec from '../../contract/imports.js';
import type { RouteSpec } from '../../contract/route.js';
import { LOCATION } from '../../model/index.js';
import { checkDataset, formatErrors } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver, resetToArticle } from '../support/neo4j.js';

let driver: Driver;
let app: RunningServer;
let dir: string;

const TEXT = [
  'Officials in Hotan were told to report every family to the Regional Security Bureau in 2018.',
  'Omar Tursun, a teacher, said he left Kashgar after his brother was detained.',
  'Hotan and Kashgar were watched closely, according to Omar Tursun.',
].join(' ');

// Bodies are checked against the contract (expectConforms) before the test reads them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

async function call(route: RouteSpec, params: Record<string, string> = {}, body?: unknown): Promise<Body> {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? '');
  const response = await fetch(`${app.url}/api${path}`, {
    method: route.method.toUpperCase(),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Body;
  expectConforms(route, response.status, json);
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

beforeAll(async () => {
  driver = getDriver();
  await resetToArticle();
  app = await startTestApp({ OVERLOAD_SERVICE_MS: '120000' });
  dir = await mkdtemp(join(tmpdir(), 'trove-import-locations-'));
});

afterAll(async () => {
  await app.close(1_000);
  await rm(dir, { recursive: true, force: true });
  await resetToArticle();
});

describe('locations proposed on import', () => {
  let id = '';
  const byName = (draft: Body, name: string) =>
    (draft.candidates as { name: string }[]).find((c) => c.name === name) as Body;

  it('proposes where a new place is, and gives the kind Place to names the gazetteer knows', async () => {
    id = (
      await call(spec.createImportRoute, {}, { title: 'Hotan and Kashgar', publisher: 'Bench', text: TEXT })
    ).id;
    const draft = await call(spec.getImportRoute, { id });
    const hotan = byName(draft, 'Hotan');
    expect(hotan).toMatchObject({ kind: 'Place', location: { precision: 'city', source: 'geonames' } });
    expect(hotan.location.label).toContain('Hotan, CN');
    // Hotan (Xinjiang) lies at about 37.1° N, 79.9° E.
    expect(hotan.location.lat).toBeCloseTo(37.1, 0);
    expect(hotan.location.lon).toBeCloseTo(79.9, 0);
    expect(byName(draft, 'Kashgar')).toMatchObject({ kind: 'Place', location: { precision: 'city' } });
    expect(byName(draft, 'Omar Tursun')).toMatchObject({ kind: 'Person', location: null });
  });

  it(
    'keeps the location a reviewer accepts, and drops the one they reject',
    { timeout: 120_000 },
    async () => {
      const draft = await call(spec.getImportRoute, { id });
      const decided = await call(
        spec.decideImportRoute,
        { id },
        {
          decisions: [
            { candidate: byName(draft, 'Hotan').id, action: 'accept', location: 'accept' },
            { candidate: byName(draft, 'Kashgar').id, action: 'accept', location: 'reject' },
          ],
        },
      );
      expect(byName(decided, 'Hotan').decision).toMatchObject({ action: 'accept', location: 'accept' });
      expect(byName(decided, 'Kashgar').decision).toMatchObject({ action: 'accept', location: 'reject' });

      const response = await fetch(`${app.url}/api/imports/${id}/dataset`);
      const file = join(dir, 'draft.json');
      await writeFile(file, await response.text());
      const check = await checkDataset(file);
      expect(formatErrors(check.errors)).toBe('');
      const entity = (name: string) => check.data?.entities.find((e) => e.name === name);
      expect(entity('Hotan')?.location).toEqual({
        lat: byName(draft, 'Hotan').location.lat,
        lon: byName(draft, 'Hotan').location.lon,
        precision: 'city',
      });
      expect(entity('Kashgar')?.location).toBeUndefined();

      await call(spec.publishImportRoute, { id });
      const { records } = await driver.executeQuery(
        `MATCH (e:Entity) WHERE e.name IN ['Hotan', 'Kashgar']
       RETURN e.name AS name, e.${LOCATION.lat} AS lat, e.${LOCATION.precision} AS precision`,
      );
      const stored = Object.fromEntries(
        records.map((r) => [r.get('name'), [r.get('lat'), r.get('precision')]]),
      );
      expect(stored.Hotan?.[1]).toBe('city');
      expect(stored.Hotan?.[0]).toBeCloseTo(37.1, 0);
      expect(stored.Kashgar).toEqual([null, null]);

      // The graph's own dataset export writes the accepted location too.
      const exported = (await (await fetch(`${app.url}/api/export?format=dataset`)).json()) as {
        entities: { name: string; location?: unknown }[];
      };
      expect(exported.entities.find((e) => e.name === 'Hotan')?.location).toMatchObject({
        precision: 'city',
      });
      expect(exported.entities.find((e) => e.name === 'Kashgar')?.location).toBeUndefined();
    },
  );
});
