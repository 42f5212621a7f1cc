import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cypherRoute, type CypherResponseT } from '../../contract/cypher.js';
import { inReadTransaction } from '../../server/src/cypher-console/query.js';
import { ConsoleWorkers } from '../../server/src/cypher-console/workers.js';
import { AppError } from '../../server/src/http/errors.js';
import { toPlain } from '../../server/src/db/mapping.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { countAll, getDriver } from '../support/neo4j.js';

interface ErrorResponse {
  error: { code: string; message: string; position?: { line: number; column: number; offset: number } };
}

async function runCypher<T = CypherResponseT>(
  app: RunningServer,
  query: string,
  params?: Record<string, unknown>,
): Promise<{ status: number; body: T }> {
  const response = await getJson<T>(`${app.url}/api/cypher`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params === undefined ? { query } : { query, params }),
  });
  expectConforms(cypherRoute, response.status, response.body);
  return response;
}

/**
 * Everything a write could touch: every node and relationship with its labels or type and all its
 * properties, the schema, and the label, type and property-key tokens (which db.create* procedures add
 * without touching any node).
 */
async function databaseChecksum(): Promise<string> {
  const driver = getDriver();
  const parts: unknown[] = [];
  for (const query of [
    'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id',
    'MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS type, properties(r) AS props ORDER BY id',
    'SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name',
    'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name',
    'CALL db.labels() YIELD label RETURN label ORDER BY label',
    'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType',
    'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey',
  ]) {
    const { records } = await driver.executeQuery(query);
    parts.push(records.map((record) => toPlain(record.toObject())));
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

describe('POST /api/cypher', () => {
  let app: RunningServer;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close(1_000));

  describe('reads', () => {
    it('answers a read with columns, plain rows and the graph in them', async () => {
      const { status, body } = await runCypher(
        app,
        `MATCH (p:Entity {id: 'xi-jinping'})-[r]-(other:Entity)
         RETURN p, r, other.id AS otherId ORDER BY otherId LIMIT 3`,
      );
      expect(status).toBe(200);
      expect(body.columns).toEqual(['p', 'r', 'otherId']);
      expect(body.rows.length).toBeGreaterThan(0);
      const [node] = body.rows[0]!;
      expect(node).toMatchObject({ kind: 'node', labels: expect.arrayContaining(['Entity', 'Person']) });
      expect(node).toMatchObject({ properties: { id: 'xi-jinping', name: 'Xi Jinping' } });
      expect(body.summary).toMatchObject({ queryType: 'r', truncated: false, rowCount: body.rows.length });
      expect(body.summary.ms).toBeGreaterThanOrEqual(0);

      const nodeIds = body.graph.nodes.map((n) => n.id);
      expect(nodeIds).toContain('xi-jinping');
      expect(body.graph.nodes.find((n) => n.id === 'xi-jinping')).toMatchObject({
        name: 'Xi Jinping',
        kind: 'Person',
      });
      expect(body.graph.edges.length).toBe(body.rows.length);
      for (const edge of body.graph.edges) {
        // Both ends are drawn even though the query returned only one node of each row.
        expect(nodeIds).toContain(edge.source);
        expect(nodeIds).toContain(edge.target);
        expect(edge.evidence.length).toBeGreaterThan(0);
      }
    });

    it('finds graph elements nested in paths, lists and maps, and leaves sources out of the graph', async () => {
      const { status, body } = await runCypher(
        app,
        `MATCH path = (a:Entity)-[r]->(b:Entity)
         WITH path ORDER BY elementId(last(relationships(path))) LIMIT 2
         MATCH (s:Source)
         RETURN {paths: [path], source: s} AS nested`,
      );
      expect(status).toBe(200);
      expect(body.rows).toHaveLength(2);
      expect(body.graph.edges).toHaveLength(2);
      expect(body.graph.nodes.length).toBeGreaterThanOrEqual(2);
      const nested = body.rows[0]![0] as { paths: { kind: string }[]; source: { labels: string[] } };
      expect(nested.paths[0]!.kind).toBe('path');
      expect(nested.source.labels).toEqual(['Source']);
      expect(body.graph.nodes.every((n) => n.kind !== ('Source' as string))).toBe(true);
    });

    it('reads back both ends of a relationship returned alone', async () => {
      const { body } = await runCypher(
        app,
        "MATCH (:Entity {id: 'xi-jinping'})-[r]->(:Entity) RETURN r ORDER BY r.id LIMIT 1",
      );
      expect(body.graph.edges).toHaveLength(1);
      const [edge] = body.graph.edges;
      expect(edge!.source).toBe('xi-jinping');
      expect(body.graph.nodes.map((n) => n.id).sort()).toEqual(['xi-jinping', edge!.target].sort());
    });

    it('allows the read-only introspection procedures, the full-text index and SHOW INDEXES', async () => {
      const labels = await runCypher(app, 'CALL db.labels() YIELD label RETURN label ORDER BY label');
      expect(labels.status).toBe(200);
      expect(labels.body.rows).toContainEqual(['Entity']);

      const found = await runCypher(
        app,
        "CALL db.index.fulltext.queryNodes('entity_search', 'Chen') YIELD node RETURN node.id AS id",
      );
      expect(found.status).toBe(200);
      expect(found.body.rows).toContainEqual(['chen-quanguo']);
      expect(found.body.graph.nodes).toEqual([]);

      const indexes = await runCypher(app, 'SHOW INDEXES YIELD name RETURN name ORDER BY name');
      expect(indexes.status).toBe(200);
      expect(indexes.body.rows).toContainEqual(['entity_search']);
    });

    it('takes parameters, with whole numbers as integers so LIMIT and range accept them', async () => {
      const { status, body } = await runCypher(
        app,
        'UNWIND range(1, $n) AS x RETURN x, $ratio * x AS scaled, $filter.id AS id LIMIT $n',
        { n: 3, ratio: 0.5, filter: { id: 'xi-jinping' } },
      );
      expect(status).toBe(200);
      expect(body.rows).toEqual([
        [1, 0.5, 'xi-jinping'],
        [2, 1, 'xi-jinping'],
        [3, 1.5, 'xi-jinping'],
      ]);

      const byId = await runCypher(app, 'MATCH (e:Entity) WHERE e.id IN $ids RETURN e.name ORDER BY e.name', {
        ids: ['chen-quanguo', 'xi-jinping'],
      });
      expect(byId.body.rows).toEqual([['Chen Quanguo'], ['Xi Jinping']]);
    });

    it('names a missing parameter as a Cypher error', async () => {
      const { status, body } = await runCypher<ErrorResponse>(app, 'RETURN $missing AS x');
      expect(status).toBe(400);
      expect(body.error.code).toBe('CYPHER_ERROR');
      expect(body.error.message).toContain('missing');
    });

    it('stops at the row cap and says the result was truncated', async () => {
      const capped = await runCypher(app, 'UNWIND range(1, 5000) AS x RETURN x');
      expect(capped.status).toBe(200);
      expect(capped.body.rows).toHaveLength(1000);
      expect(capped.body.rows.at(-1)).toEqual([1000]);
      expect(capped.body.summary).toMatchObject({ truncated: true, rowCount: 1000 });

      const exactlyCap = await runCypher(app, 'UNWIND range(1, 1000) AS x RETURN x');
      expect(exactlyCap.body.rows).toHaveLength(1000);
      expect(exactlyCap.body.summary.truncated).toBe(false);
    });

    it('stops pulling an endless stream at the cap instead of waiting for it', async () => {
      const started = Date.now();
      const { status, body } = await runCypher(app, 'UNWIND range(1, 100000000000) AS x RETURN x');
      expect(status).toBe(200);
      expect(body.summary.truncated).toBe(true);
      expect(Date.now() - started).toBeLessThan(4_000);
    });
  });

  describe('errors', () => {
    it('answers a syntax error with 400, Neo4j’s message and the position in the user’s text', async () => {
      const { status, body } = await runCypher<ErrorResponse>(app, 'MATCH (n)\nRETURN n +');
      expect(status).toBe(400);
      expect(body.error.code).toBe('CYPHER_ERROR');
      expect(body.error.message).toMatch(/expected an expression/);
      expect(body.error.position).toEqual({ line: 2, column: 11, offset: 20 });
      expect(body.error.message).not.toMatch(/EXPLAIN|line \d/);

      const firstLine = await runCypher<ErrorResponse>(app, 'MATCH (n) RETRUN n');
      expect(firstLine.status).toBe(400);
      expect(firstLine.body.error.position).toEqual({ line: 1, column: 11, offset: 10 });
    });

    it('answers a query Neo4j cannot even lex (a comment left open) with 400, not 500', async () => {
      const { status, body } = await runCypher<ErrorResponse>(app, '/* ');
      expect(status).toBe(400);
      expect(body.error.code).toBe('CYPHER_ERROR');
      expect(body.error.message).toMatch(/line 1, column 3/);
    });

    it('answers a run-time error (division by zero) with 400', async () => {
      const { status, body } = await runCypher<ErrorResponse>(app, 'UNWIND [1, 0] AS d RETURN 1 / d');
      expect(status).toBe(400);
      expect(body.error.code).toBe('CYPHER_ERROR');
      expect(body.error.message).toMatch(/by zero/);
    });

    it('rejects an empty query and bad params as BAD_REQUEST with the field', async () => {
      const empty = await runCypher<ErrorResponse & { error: { field: string } }>(app, '   ');
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'query' });

      let deep: unknown = 1;
      for (let i = 0; i < 100; i += 1) deep = [deep];
      const nested = await runCypher<ErrorResponse & { error: { field: string } }>(app, 'RETURN $deep', {
        deep,
      });
      expect(nested.status).toBe(400);
      expect(nested.body.error.field).toMatch(/^params\.deep/);
    });
  });

  describe('timeouts', () => {
    let fastTimeout: RunningServer;
    beforeAll(async () => {
      fastTimeout = await startTestApp({ QUERY_TIMEOUT_MS: '1000' });
    });
    afterAll(() => fastTimeout.close(1_000));

    it.each([
      ['an endless filter', 'UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN x'],
      [
        'a cartesian product',
        "MATCH (a), (b), (c), (d), (e) WHERE a.id + b.id + c.id + d.id + e.id = 'none' RETURN count(*)",
      ],
    ])('stops %s with 504 QUERY_TIMEOUT within a few seconds', async (_name, query) => {
      const started = Date.now();
      const { status, body } = await runCypher<ErrorResponse>(fastTimeout, query);
      const elapsed = Date.now() - started;
      expect(status).toBe(504);
      expect(body.error.code).toBe('QUERY_TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(900);
      // Neo4j checks transaction deadlines every couple of seconds, so "within a few" is the promise.
      expect(elapsed).toBeLessThan(6_000);

      const after = await runCypher(fastTimeout, 'RETURN 1 AS ok');
      expect(after.status).toBe(200);
    });
  });

  describe('console threads', () => {
    it('stops a thread still busy past the timeout, and the next query runs on a fresh one', async () => {
      const incidents: string[] = [];
      const workers = new ConsoleWorkers(
        { uri: inject('neo4jUri'), user: inject('neo4jUser'), password: inject('neo4jPassword') },
        { threads: 1, graceMs: 500, onIncident: (what) => incidents.push(what) },
      );
      try {
        const limits = { timeoutMs: 500, rowCap: 10, resultMaxBytes: 100_000_000 };
        // Neo4j answers at once; decoding three million values keeps the thread busy for seconds.
        const busy = await workers.run('RETURN range(1, 3000000) AS xs', {}, limits).then(
          () => null,
          (error: unknown) => error,
        );
        expect(busy).toBeInstanceOf(AppError);
        expect(busy).toMatchObject({ status: 504, code: 'QUERY_TIMEOUT' });
        expect(incidents.join('\n')).toMatch(/still running 500 ms past its timeout/);

        const next = await workers.run('RETURN 40 + 2 AS answer', {}, { ...limits, timeoutMs: 10_000 });
        expect(next.rows).toEqual([[42]]);
      } finally {
        await workers.close();
      }
    });
  });

  describe('results too large to send', () => {
    let small: RunningServer;
    beforeAll(async () => {
      small = await startTestApp({ QUERY_RESULT_MAX_BYTES: '100000' });
    });
    afterAll(() => small.close(1_000));

    it('refuses a single value larger than the cap with 422, and keeps serving others meanwhile', async () => {
      let healthAnswers = 0;
      let done = false;
      const probing = (async () => {
        while (!done) {
          const health = await fetch(`${small.url}/api/health`);
          if (health.ok) healthAnswers += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const { status, body } = await runCypher<ErrorResponse & { error: { maxBytes: number } }>(
        small,
        'RETURN range(1, 200000) AS xs',
      );
      done = true;
      await probing;
      expect(status).toBe(422);
      expect(body.error.code).toBe('RESULT_TOO_LARGE');
      expect(body.error.message).toMatch(/first row.*list\[0\.\.100\]/);
      expect(body.error.maxBytes).toBe(100_000);
      expect(healthAnswers).toBeGreaterThan(0);

      const after = await runCypher(small, 'RETURN size(range(1, 200000)) AS n');
      expect(after.status).toBe(200);
      expect(after.body.rows).toEqual([[200_000]]);
    });

    it('sends the rows that fit and marks the rest as cut, as with the row cap', async () => {
      const { status, body } = await runCypher(
        small,
        "UNWIND range(1, 900) AS x RETURN x, reduce(s = '', i IN range(1, 50) | s + 'abcdefghij') AS text",
      );
      expect(status).toBe(200);
      expect(body.summary.truncated).toBe(true);
      expect(body.rows.length).toBeGreaterThan(100);
      expect(body.rows.length).toBeLessThan(900);
      expect(JSON.stringify(body.rows).length).toBeLessThanOrEqual(100_000);
      expect(body.rows.at(-1)?.[0]).toBe(body.rows.length);
    });
  });

  describe('read-only by construction', () => {
    let countsBefore: { nodes: number; relationships: number };
    let checksumBefore: string;
    beforeAll(async () => {
      countsBefore = await countAll();
      checksumBefore = await databaseChecksum();
    });

    it('runs in a READ transaction that the server itself refuses to write in', async () => {
      const attempt = inReadTransaction(getDriver(), { timeoutMs: 5_000, rowCap: 10 }, (tx) =>
        tx.run('CREATE (:ConsoleProbe) RETURN 1'),
      );
      await expect(attempt).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.AccessMode' });
      expect(await countAll()).toEqual(countsBefore);
    });

    // [name, query, params, expected status, what the message must name]
    const vectors: [string, string, Record<string, unknown>, number, RegExp][] = [
      ['CREATE', 'CREATE (n:ConsoleProbe) RETURN n', {}, 403, /could write/],
      ['create in mixed case', 'cReAtE (n:ConsoleProbe)', {}, 403, /could write/],
      ['MERGE', "MERGE (n:Entity {id: 'console-probe'}) RETURN n", {}, 403, /could write/],
      ['SET', "MATCH (n:Entity {id: 'xi-jinping'}) SET n.name = 'changed'", {}, 403, /could write/],
      ['SET labels', "MATCH (n:Entity {id: 'xi-jinping'}) SET n:ConsoleProbe", {}, 403, /could write/],
      ['DELETE', "MATCH (n:Entity {id: 'xi-jinping'})-[r]->() DELETE r", {}, 403, /could write/],
      ['DETACH DELETE', 'MATCH (n) DETACH DELETE n', {}, 403, /could write/],
      ['REMOVE', "MATCH (n:Entity {id: 'xi-jinping'}) REMOVE n.name", {}, 403, /could write/],
      [
        'FOREACH with CREATE',
        'FOREACH (x IN range(1, 3) | CREATE (:ConsoleProbe {x: x}))',
        {},
        403,
        /could write/,
      ],
      [
        'a write after WITH',
        "MATCH (n:Entity {id: 'xi-jinping'}) WITH n LIMIT 1 SET n.probe = true RETURN n",
        {},
        403,
        /could write/,
      ],
      [
        'a write hidden in a subquery',
        'MATCH (n:Entity) CALL (n) { SET n.probe = 1 } RETURN count(*) AS c',
        {},
        403,
        /could write/,
      ],
      [
        'a write in a returning subquery',
        'UNWIND [1] AS x CALL () { CREATE (p:ConsoleProbe) RETURN p } RETURN p',
        {},
        403,
        /could write/,
      ],
      [
        'a write in a UNION branch',
        'RETURN 1 AS x UNION CREATE (p:ConsoleProbe) RETURN 2 AS x',
        {},
        403,
        /could write/,
      ],
      [
        "LOAD CSV FROM 'file:///etc/passwd'",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        {},
        403,
        /LOAD CSV/,
      ],
      [
        'LOAD CSV hidden by a comment',
        "LOAD/* x */CSV FROM 'file:///etc/passwd' AS row RETURN row",
        {},
        403,
        /LOAD CSV/,
      ],
      [
        'LOAD CSV from a parameter',
        'LOAD CSV FROM $url AS row RETURN row',
        { url: 'file:///etc/passwd' },
        403,
        /LOAD CSV/,
      ],
      [
        'LOAD CSV from http',
        "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
        {},
        403,
        /LOAD CSV/,
      ],
      ['CALL dbms.listConfig', 'CALL dbms.listConfig()', {}, 403, /administration|not allowed/],
      ['CALL dbms.components', 'CALL dbms.components()', {}, 403, /administration|not allowed/],
      [
        'CALL dbms.setConfigValue',
        "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
        {},
        403,
        /not allowed|write|administration/,
      ],
      ['CALL db.createLabel', "CALL db.createLabel('ConsoleProbe')", {}, 403, /could write|not allowed/],
      [
        'CALL db.createProperty',
        "CALL db.createProperty('consoleProbe')",
        {},
        403,
        /could write|not allowed/,
      ],
      [
        'CALL db.createRelationshipType',
        "CALL db.createRelationshipType('CONSOLE_PROBE')",
        {},
        403,
        /could write|not allowed/,
      ],
      ['CALL db.clearQueryCaches', 'CALL db.clearQueryCaches()', {}, 403, /administration|not allowed/],
      [
        'CALL { CREATE … } IN TRANSACTIONS',
        'CALL () { CREATE (:ConsoleProbe) } IN TRANSACTIONS',
        {},
        403,
        /IN TRANSACTIONS/,
      ],
      [
        'a read-only CALL { … } IN TRANSACTIONS',
        'MATCH (n) CALL (n) { RETURN n.id AS id } IN 2 CONCURRENT TRANSACTIONS RETURN id',
        {},
        403,
        /IN TRANSACTIONS/,
      ],
      ['apoc procedure (not installed)', "CALL apoc.create.node(['ConsoleProbe'], {})", {}, 403, /APOC/],
      ['apoc function (not installed)', 'RETURN apoc.version() AS v', {}, 403, /APOC/],
      [
        'apoc with spaces',
        "CALL apoc . periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
        {},
        403,
        /APOC/,
      ],
      [
        'an unknown procedure',
        "CALL db.index.fulltext.drop('entity_search')",
        {},
        403,
        /not allowed|only call/,
      ],
      [
        'CREATE INDEX',
        'CREATE INDEX console_probe FOR (n:Entity) ON (n.probe)',
        {},
        403,
        /administration|schema/,
      ],
      ['DROP CONSTRAINT', 'DROP CONSTRAINT entity_id', {}, 403, /administration|schema/],
      ['DROP INDEX', 'DROP INDEX entity_search', {}, 403, /administration|schema/],
      ['SHOW USERS', 'SHOW USERS', {}, 403, /administration|schema/],
      ['CREATE USER', "CREATE USER probe SET PASSWORD 'secret-password'", {}, 403, /administration|schema/],
      ['SHOW SETTINGS', 'SHOW SETTINGS', {}, 403, /administration/],
      ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS', {}, 403, /administration/],
      ['TERMINATE TRANSACTIONS', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", {}, 403, /administration/],
      ['USE system', 'USE system SHOW USERS', {}, 400, /USE/],
      ['a second statement', 'MATCH (n) RETURN n; CREATE (:ConsoleProbe)', {}, 400, /one statement/],
      [
        'PROFILE (which executes)',
        "PROFILE MATCH (n:Entity {id: 'xi-jinping'}) SET n.probe = 1",
        {},
        400,
        /.+/,
      ],
    ];

    it.each(vectors)(
      'refuses %s and leaves the graph as it was',
      async (_name, query, params, expected, reason) => {
        const { status, body } = await runCypher<ErrorResponse>(app, query, params);
        expect(status).toBe(expected);
        expect(body.error.code).toBe(expected === 403 ? 'QUERY_REFUSED' : 'CYPHER_ERROR');
        expect(body.error.message).toMatch(reason);
        expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.js:\d+|root:|\/etc\/passwd:/);
        expect(await countAll()).toEqual(countsBefore);
      },
    );

    it('leaves every property, label, token and schema object as it was after all of them', async () => {
      expect(await databaseChecksum()).toBe(checksumBefore);
    });
  });
});
