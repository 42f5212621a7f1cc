// What a console request can do to other users' queries before it runs: parameters nested tens of
// thousands deep (which overflowed the hand-off to a console thread and left a job whose deadline
// later stopped the thread) and queries nested thousands of brackets deep (which overflow Neo4j's
// parser after seconds). Both are refused up front, with the limit in words.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cypherRoute, maxParamsDepth, maxParamsValues, maxQueryNesting } from '../../contract/cypher.js';
import { ConsoleWorkers } from '../../server/src/cypher-console/workers.js';
import { AppError } from '../../server/src/http/errors.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';

/** `[[[…1…]]]` built as text, so no recursion is needed to make it: 2 bytes a level. */
function nestedJson(levels: number): string {
  return `${'['.repeat(levels)}1${']'.repeat(levels)}`;
}

function nestedValue(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

async function post(app: RunningServer, body: string) {
  const response = await getJson<{ error?: { code: string; message: string; field?: string } }>(
    `${app.url}/api/cypher`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body },
  );
  expectConforms(cypherRoute, response.status, response.body);
  return response;
}

describe('console requests refused before they reach a thread', () => {
  let app: RunningServer;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close(1_000));

  it('answers 400 naming the depth limit for params nested 20,000 levels (40 kB), and others run on', async () => {
    const body = `{"query":"RETURN $p AS p","params":{"p":${nestedJson(20_000)}}}`;
    expect(body.length).toBeGreaterThan(40_000);
    const other = post(app, JSON.stringify({ query: 'UNWIND range(1, 200000) AS x RETURN count(x) AS n' }));
    const deep = await post(app, body);
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'params.p' });
    expect(deep.body.error?.message).toContain(`${maxParamsDepth} levels`);
    expect((await other).status).toBe(200);

    // Just inside the limit still runs.
    const fine = await post(
      app,
      `{"query":"RETURN $p IS NOT NULL AS ok","params":{"p":${nestedJson(maxParamsDepth - 1)}}}`,
    );
    expect(fine.status).toBe(200);
  });

  it('answers 400 naming the size limit for params with too many values', async () => {
    const wide = await post(
      app,
      JSON.stringify({
        query: 'RETURN size($p) AS n',
        params: { p: Array.from({ length: 20_000 }, () => 0) },
      }),
    );
    expect(wide.status).toBe(400);
    expect(wide.body.error?.message).toContain(`${maxParamsValues} values`);
  });

  it('answers 400 at once to RETURN with 9,000 nested parentheses, and others run on', async () => {
    const query = `RETURN ${'('.repeat(9_000)}1${')'.repeat(9_000)} AS x`;
    const others = Array.from({ length: 4 }, () => post(app, JSON.stringify({ query: 'RETURN 1 AS one' })));
    const deep = await post(app, JSON.stringify({ query }));
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'query' });
    expect(deep.body.error?.message).toContain(`${maxQueryNesting} levels`);
    for (const r of await Promise.all(others)) expect(r.status).toBe(200);
    // Brackets inside strings and comments are text, not nesting.
    const quoted = await post(
      app,
      JSON.stringify({ query: `RETURN '${'('.repeat(500)}' AS s // ${'['.repeat(500)}` }),
    );
    expect(quoted.status).toBe(200);
  });
});

describe('a job the console thread cannot take', () => {
  it('fails that request alone: nothing stays registered to stop the thread later', async () => {
    const incidents: string[] = [];
    const workers = new ConsoleWorkers(
      { uri: inject('neo4jUri'), user: inject('neo4jUser'), password: inject('neo4jPassword') },
      { threads: 1, graceMs: 100, onIncident: (what) => incidents.push(what) },
    );
    try {
      await workers.ready();
      const limits = { timeoutMs: 100, rowCap: 10, resultMaxBytes: 1_000_000 };
      // Past the contract (a caller of the runner itself): the structured clone overflows its stack.
      const failed = await workers.run('RETURN $p AS p', { p: nestedValue(20_000) }, limits).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(AppError);
      expect(failed).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
      // Before, the orphaned job's deadline (timeout + grace) stopped the thread with every query on it.
      const running = workers.run(
        'UNWIND range(1, 100000) AS x RETURN count(x) AS n',
        {},
        { ...limits, timeoutMs: 20_000 },
      );
      await new Promise((r) => setTimeout(r, 1_000));
      expect(incidents).toEqual([]);
      expect((await running).rows).toEqual([[100000]]);
    } finally {
      await workers.close();
    }
  });
});
