import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../server/src/config.js';
import { entityKinds } from '../../contract/common.js';
import { schemaViewRoute, type SchemaViewT } from '../../contract/schema-view.js';
import { createDriver } from '../../server/src/db/driver.js';
import { createLogger } from '../../server/src/logger.js';
import { listen, type RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver } from '../support/neo4j.js';

interface Vocabulary {
  vocabulary: { relationshipTypes: Record<string, { from?: string[]; to?: string[] }> };
}

describe('GET /api/schema', () => {
  let app: RunningServer;
  let schema: SchemaViewT;
  beforeAll(async () => {
    app = await startTestApp();
    const { status, body } = await getJson<SchemaViewT>(`${app.url}/api/schema`);
    expectConforms(schemaViewRoute, status, body);
    expect(status).toBe(200);
    schema = body;
  });
  afterAll(() => app.close(1_000));

  it('counts the entities of every kind of the model, the article’s 51 in all', async () => {
    expect(schema.kinds.map((k) => k.kind)).toEqual([...entityKinds]);
    expect(new Map(schema.kinds.map((k) => [k.kind, k.count]))).toEqual(
      new Map([
        ['Person', 5],
        ['Organization', 7],
        ['Place', 6],
        ['Event', 10],
        ['Document', 8],
        ['Group', 12],
        ['Facility', 3],
      ]),
    );
    const { records } = await getDriver().executeQuery(
      'MATCH (n:Entity) RETURN count(n) AS n',
      {},
      { routing: 'READ' },
    );
    expect(schema.kinds.reduce((sum, k) => sum + k.count, 0)).toBe(Number(records[0]!.get('n')));
  });

  it('shows how kinds connect through each relationship type, with counts that add up to every relationship', async () => {
    expect(schema.relationships).toContainEqual({
      type: 'APPOINTED_TO',
      from: 'Person',
      to: 'Place',
      count: 1,
    });
    expect(schema.relationships).toContainEqual({
      type: 'MEMBER_OF',
      from: 'Person',
      to: 'Organization',
      count: 2,
    });
    expect(schema.relationships).toContainEqual({ type: 'MEMBER_OF', from: 'Person', to: 'Group', count: 2 });
    expect(schema.relationships).toContainEqual({
      type: 'OPERATES',
      from: 'Organization',
      to: 'Facility',
      count: 1,
    });
    expect(schema.relationships.some((r) => r.type === 'MENTIONED_IN')).toBe(false);
    const keys = schema.relationships.map((r) => `${r.type} ${r.from} ${r.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort());

    const { records } = await getDriver().executeQuery(
      'MATCH (:Entity)-[r:!MENTIONED_IN]->(:Entity) RETURN count(r) AS n',
      {},
      { routing: 'READ' },
    );
    expect(schema.relationships.reduce((sum, r) => sum + r.count, 0)).toBe(Number(records[0]!.get('n')));
  });

  it('agrees with the kinds the dataset’s vocabulary allows at each end of each type', () => {
    const dataset = parse(readFileSync('seed/data/no-mercy-in-xinjiang.yaml', 'utf8')) as Vocabulary;
    const types = dataset.vocabulary.relationshipTypes;
    for (const { type, from, to } of schema.relationships) {
      const declared = types[type];
      expect(declared, type).toBeDefined();
      if (declared?.from) expect(declared.from, `${type} from`).toContain(from);
      if (declared?.to) expect(declared.to, `${type} to`).toContain(to);
    }
  });

  it('answers 503 in the error shape when the database is unreachable', async () => {
    const driver = createDriver({ uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: '' });
    const down = await listen(
      { driver, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent') },
      { host: '127.0.0.1', port: 0 },
    );
    try {
      const { status, body } = await getJson<{ error: { code: string } }>(`${down.url}/api/schema`);
      expectConforms(schemaViewRoute, status, body);
      expect(status).toBe(503);
      expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await down.close(1_000);
      await driver.close();
    }
  });
});
