import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseDatasetText, sha256 } from './read.js';
import { formatError, validateDataset } from './validate.js';
import { LOCATION } from '../../model/index.js';
import { locationProps, locationWarnings } from './locations.js';

const TEXT = 'The clinic in Melbourne served the whole of Xinjiang and a town nobody can find.';

function dataset(locations: Record<string, unknown>): string {
  const place = (id: string, name: string) => ({
    id,
    kind: 'Place',
    name,
    description: `${name}.`,
    ...(locations[id] !== undefined ? { location: locations[id] } : {}),
  });
  return stringify({
    format: 'trove-dataset/2',
    sources: [{ id: 'note', text: TEXT, title: 'A note', publisher: 'Test', contentHash: sha256(TEXT) }],
    vocabulary: { relationshipTypes: {} },
    entities: [place('melbourne', 'Melbourne'), place('xinjiang', 'Xinjiang'), place('town', 'town')],
  });
}

function check(locations: Record<string, unknown>) {
  const parsed = parseDatasetText('places.yaml', dataset(locations));
  if (!parsed.data) return { errors: parsed.errors.map(formatError), warnings: [] as string[] };
  const result = validateDataset(
    'places.yaml',
    parsed.data,
    new Map([['note', { text: TEXT, contentHash: sha256(TEXT) }]]),
  );
  const withLine = (e: (typeof result.errors)[number]) =>
    formatError({ ...e, line: e.path && parsed.lineOf(e.path) });
  return { errors: result.errors.map(withLine), warnings: result.warnings.map(withLine) };
}

describe('dataset locations', () => {
  const good = {
    melbourne: { lat: -37.814, lon: 144.9633, precision: 'city' },
    xinjiang: { region: 'xinjiang', precision: 'region' },
    town: { region: 'Australia', precision: 'country' },
  };

  it('accepts points, curated regions and Natural Earth countries', () => {
    expect(check(good)).toEqual({ errors: [], warnings: [] });
  });

  it('names the file, line, record and problem of a bad location', () => {
    const { errors } = check({ ...good, melbourne: { lat: -137, lon: 144, precision: 'city' } });
    expect(errors).toEqual([
      expect.stringMatching(
        /^places\.yaml:\d+: entities\[0\] "melbourne": location\.lat must be between -90 and 90$/,
      ),
    ]);
    expect(check({ ...good, melbourne: { lat: 1, precision: 'city' } }).errors[0]).toContain(
      'location.lon is required',
    );
    expect(
      check({ ...good, melbourne: { lat: 1, lon: 2, region: 'china', precision: 'city' } }).errors[0],
    ).toContain('either lat and lon');
    expect(check({ ...good, melbourne: { lat: 1, lon: 2, precision: 'street' } }).errors[0]).toContain(
      'location.precision "street" is not allowed',
    );
  });

  it('rejects a region the gazetteer does not know, and a precision that is not the region’s', () => {
    const unknown = check({ ...good, xinjiang: { region: 'Atlantis', precision: 'region' } }).errors;
    expect(unknown).toEqual([
      expect.stringMatching(
        /^places\.yaml:\d+: entities\[1\] "xinjiang": region "Atlantis" is not in the gazetteer/,
      ),
    ]);
    expect(check({ ...good, xinjiang: { region: 'China', precision: 'region' } }).errors[0]).toContain(
      '"China" is a country, so precision must be country',
    );
    expect(check({ ...good, xinjiang: { lat: 41, lon: 85, precision: 'region' } }).errors[0]).toContain(
      'precision region needs region',
    );
  });

  it('warns about a place without a location, without failing the dataset', () => {
    const parsed = parseDatasetText('places.yaml', dataset({ ...good, town: undefined }));
    expect(check({ ...good, town: undefined }).errors).toEqual([]);
    const warnings = locationWarnings(parsed.data!.entities).map((w) =>
      formatError({ file: 'places.yaml', ...w, line: parsed.lineOf(w.path) }),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^places\.yaml:\d+: entities\[2\] "town": place without a location/),
    ]);
  });

  it('stores a region with its centroid and id, a point as given', () => {
    expect(locationProps({ region: 'Xinjiang Uyghur Autonomous Region', precision: 'region' })).toMatchObject(
      {
        [LOCATION.region]: 'xinjiang',
        [LOCATION.precision]: 'region',
        [LOCATION.lat]: expect.any(Number),
      },
    );
    expect(locationProps({ lat: 1.5, lon: 2.5, precision: 'exact' })).toEqual({
      [LOCATION.lat]: 1.5,
      [LOCATION.lon]: 2.5,
      [LOCATION.region]: null,
      [LOCATION.precision]: 'exact',
    });
  });
});
