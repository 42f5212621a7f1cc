import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { getDriver } from '../support/neo4j.js';

// A query long enough that only cancellation, not its own end or the timeout, can stop it in time.
const slowQuery = 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n';

/** Transactions Neo4j is running whose query text is `text` (the console runs it after its EXPLAIN). */
async function runningWith(text: string): Promise<string[]> {
  const { records } = await getDriver().executeQuery(
    'SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery = $text RETURN transactionId',
    { text },
  );
  return records.map((record) => String(record.get('transactionId')));
}

describe('cancelling a console query', () => {
  let app: RunningServer;

  beforeAll(async () => {
    // A long timeout, so that the server's deadline cannot be what stops the query.
    app = await startTestApp({ QUERY_TIMEOUT_MS: '60000' });
  });
  afterAll(async () => {
    await app?.close(1_000);
  });

  it('stops the query inside Neo4j when the client aborts its request', async () => {
    const controller = new AbortController();
    const request = fetch(`${app.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: slowQuery }),
      signal: controller.signal,
    });
    request.catch(() => undefined);
    // The query is running in Neo4j before the client gives up.
    await expect.poll(() => runningWith(slowQuery), { timeout: 10_000, interval: 100 }).toHaveLength(1);
    const abortedAt = Date.now();
    controller.abort();
    await expect(request).rejects.toThrow();
    await expect.poll(() => runningWith(slowQuery), { timeout: 3_000, interval: 100 }).toHaveLength(0);
    expect(Date.now() - abortedAt).toBeLessThan(3_000);
  });

  it('leaves nothing running when the client gives up at any moment, even before the query starts', async () => {
    const marked = `${slowQuery} // early`;
    for (const delay of [0, 5, 20, 60, 150]) {
      const controller = new AbortController();
      const request = fetch(`${app.url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: marked }),
        signal: controller.signal,
      });
      request.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delay));
      controller.abort();
    }
    await expect.poll(() => runningWith(marked), { timeout: 3_000, interval: 100 }).toHaveLength(0);
    // Still nothing a second later: no transaction was left behind to start the query late.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await runningWith(marked)).toHaveLength(0);
  });

  it('leaves the console answering afterwards', async () => {
    const response = await fetch(`${app.url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'RETURN 1 AS one' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: unknown[][] }).rows).toEqual([[1]]);
  });
});
