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
import { readArticle } from '../support/article.js';
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

  it('counts the entities of every kind of the model, as many as the article’s dataset has', async () => {
    const article = await readArticle();
    const expected = new Map(entityKinds.map((kind) => [kind, 0]));
    for (const entity of article.data.entities)
      expected.set(entity.kind, (expected.get(entity.kind) ?? 0) + 1);
    expect(schema.kinds.map((k) => k.kind)).toEqual([...entityKinds]);
    expect(new Map(schema.kinds.map((k) => [k.kind, k.count]))).toEqual(expected);
    const { records } = await getDriver().executeQuery(
      'MATCH (n:Entity) RETURN count(n) AS n',
      {},
      { routing: 'READ' },
    );
    expect(schema.kinds.reduce((sum, k) => sum + k.count, 0)).toBe(Number(records[0]!.get('n')));
  });

  it('shows how kinds connect through each relationship type, with counts that add up to every relationship', async () => {
    const article = await readArticle();
    const kindOf = new Map(article.data.entities.map((e) => [e.id, e.kind]));
    const expected = new Map<string, number>();
    for (const r of article.data.relationships) {
      const key = `${r.type} ${kindOf.get(r.from)} ${kindOf.get(r.to)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(schema.relationships.map((r) => [`${r.type} ${r.from} ${r.to}`, r.count]))).toEqual(
      expected,
    );
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
