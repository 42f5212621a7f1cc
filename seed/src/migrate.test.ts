import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { datasetSchema } from './dataset.js';
import { migrateText } from './migrate.js';

// A file in format 1, kept so (small, written for the tests): it has a quote of each kind.
const v1Fixture = fileURLToPath(new URL('../fixtures/second-source.yaml', import.meta.url));

describe('migrating trove-dataset/1 to /2', () => {
  it('gives the same relationships, claim for claim, with every quote byte-identical', async () => {
    const original = await readFile(v1Fixture, 'utf8');
    const migrated = migrateText(original);
    expect(migrated.changed).toBe(true);
    const before = datasetSchema.parse(parse(original));
    const after = datasetSchema.parse(parse(migrated.text));
    expect(after.format).toBe('trove-dataset/2');
    expect(after.relationships.map(({ claimsField: _, ...rel }) => rel)).toEqual(
      before.relationships.map(({ claimsField: _, ...rel }) => rel),
    );
    expect(after.entities).toEqual(before.entities);
    expect(after.mentions).toEqual(before.mentions);
    expect(migrated.claims).toBe(before.relationships.reduce((n, r) => n + r.claims.length, 0));
    // Comments survive: the file is edited, not re-serialised.
    expect(migrated.text).toContain('# A second, small source');
  });

  it('leaves a file already in format 2 alone, so it can be re-run', async () => {
    const once = migrateText(await readFile(v1Fixture, 'utf8')).text;
    expect(migrateText(once)).toMatchObject({ changed: false, text: once });
  });
});
