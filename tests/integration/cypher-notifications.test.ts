import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cypherRoute, type CypherResponseT } from '../../contract/cypher.js';
import type { RunningServer } from '../../server/src/server.js';
import { getJson, startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';

async function run<T = CypherResponseT>(
  app: RunningServer,
  query: string,
): Promise<{ status: number; body: T }> {
  const response = await getJson<T>(`${app.url}/api/cypher`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  expectConforms(cypherRoute, response.status, response.body);
  return response;
}

// What Neo4j notices about a query that still runs, passed on so a query with no rows is explained.
describe('POST /api/cypher: notifications and refusals in plain words', () => {
  let app: RunningServer;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close(1_000));

  it("passes on Neo4j's warning for an unknown label, placed in the user's own text", async () => {
    const { status, body } = await run(app, 'MATCH (p:Persn)\nRETURN p');
    expect(status).toBe(200);
    expect(body.rows).toEqual([]);
    const warning = body.notifications.find((n) => n.code.endsWith('UnknownLabelWarning'));
    expect(warning).toMatchObject({ severity: 'WARNING', position: { line: 1, column: 10, offset: 9 } });
    expect(warning?.description).toMatch(/Persn/);
  });

  it('passes on the cartesian-product notice', async () => {
    const { body } = await run(app, 'MATCH (a:Person), (b:Place) RETURN count(*) AS n');
    expect(body.notifications.map((n) => n.code)).toContain(
      'Neo.ClientNotification.Statement.CartesianProduct',
    );
  });

  it('sends an empty list for a query Neo4j has nothing to say about', async () => {
    const { body } = await run(app, "MATCH (p:Entity {id: 'xi-jinping'}) RETURN p.name AS name");
    expect(body.notifications).toEqual([]);
  });

  it.each([
    ['CREATE', 'CREATE (n:ConsoleProbe) RETURN n'],
    ['MERGE', "MERGE (n:Entity {id: 'console-probe'}) RETURN n"],
    ['DETACH DELETE', 'MATCH (n:ConsoleProbe) DETACH DELETE n'],
  ])('refuses %s naming the clause, in plain words', async (clause, query) => {
    const { status, body } = await run<{ error: { code: string; message: string } }>(app, query);
    expect(status).toBe(403);
    expect(body.error.code).toBe('QUERY_REFUSED');
    expect(body.error.message).toMatch(
      new RegExp(`^This console only reads; ${clause} would change the graph`),
    );
    expect(body.error.message).not.toMatch(/query type/);
  });
});
