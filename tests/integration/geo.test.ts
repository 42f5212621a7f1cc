// Places on the map: the article's places come back from the API with their locations, and the
// GeoJSON export is valid GeoJSON (checked by @placemarkio/check-geojson, a real validator) that
// puts each place, and each event through the place it took place in, where the dataset says.
import { getIssues } from '@placemarkio/check-geojson';
import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphPayloadT } from '../../contract/graph.js';
import { graphRoute } from '../../contract/subgraph.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';

describe('locations and GeoJSON', () => {
  let app: RunningServer;
  let graph: GraphPayloadT;
  beforeAll(async () => {
    app = await startTestApp();
    const response = await getJson<GraphPayloadT>(`${app.url}/api/graph`);
    expectConforms(graphRoute, response.status, response.body);
    graph = response.body;
  });
  afterAll(() => app.close(1_000));

  const node = (id: string) => graph.nodes.find((n) => n.id === id);

  it('returns the article places with their locations and precision, and none for a place it cannot place', () => {
    expect(node('xinjiang')?.location).toMatchObject({
      precision: 'region',
      region: { id: 'xinjiang', name: 'Xinjiang' },
    });
    expect(node('china')?.location).toMatchObject({
      precision: 'country',
      region: { id: '156', name: 'China' },
    });
    expect(node('melbourne')?.location).toEqual({
      lat: -37.814,
      lon: 144.9633,
      precision: 'city',
      region: null,
    });
    expect(node('southwestern-china')?.location).toBeUndefined();
    // Stored under the model's names, which are not repeated among the kind-specific properties.
    expect(Object.keys(node('melbourne')?.properties ?? {}).filter((k) => k.startsWith('location'))).toEqual(
      [],
    );
  });

  it('exports the located places and events as GeoJSON that a validator accepts', async () => {
    const response = await fetch(`${app.url}/api/export?format=geojson`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(response.headers.get('content-disposition')).toContain('trove-places.geojson');
    const text = await response.text();
    expect(getIssues(text)).toEqual([]);
    const collection = JSON.parse(text) as FeatureCollection<Point>;
    const feature = (id: string) => collection.features.find((f) => f.id === id);
    expect(feature('melbourne')?.geometry.coordinates).toEqual([144.9633, -37.814]);
    expect(feature('tibet')?.properties).toMatchObject({
      kind: 'Place',
      precision: 'region',
      region: 'tibet',
    });
    // The attack has no location of its own: it is where the train station is (Kunming, city).
    expect(feature('train-station-attack')?.properties).toMatchObject({
      kind: 'Event',
      precision: 'city',
      placedVia: 'train-station',
    });
    expect(feature('train-station-attack')?.geometry.coordinates).toEqual(
      feature('train-station')?.geometry.coordinates,
    );
    expect(feature('southwestern-china')).toBeUndefined();
    expect(feature('xi-jinping')).toBeUndefined();
  });

  it('exports only the filtered graph, still valid', async () => {
    const response = await fetch(`${app.url}/api/export?format=geojson&types=Place`);
    const text = await response.text();
    expect(getIssues(text)).toEqual([]);
    const kinds = new Set((JSON.parse(text) as FeatureCollection).features.map((f) => f.properties?.kind));
    expect([...kinds]).toEqual(['Place']);
  });
});
