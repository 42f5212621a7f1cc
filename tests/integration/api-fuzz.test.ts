import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '../../contract/common.js';
import { cypherRoute } from '../../contract/cypher.js';
import { allRoutes } from '../../contract/index.js';
import type { RouteSpec } from '../../contract/route.js';
import { toPlain } from '../../server/src/db/mapping.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { countAll, getDriver } from '../support/neo4j.js';

// Hostile input for every endpoint the contract lists: whatever arrives, the API answers with a status
// below 500 (a real timeout's 504 aside, for the console), the error shape on every error, a status the
// OpenAPI document declares for that endpoint, and a body that conforms to it. The endpoint list comes
// from allRoutes, so a new endpoint is fuzzed without touching this file.

const numRuns = 100;

/** Strings that have broken parsers before, mixed into the random ones. */
const nasty = [
  '',
  ' ',
  ',',
  ',,,',
  '-1',
  '0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  'xi-jinping',
  'chen-quanguo',
  'Person',
  'Person,Robot',
  'APPOINTED_TO',
  'reported',
  '2014',
  '2019-13-45',
  'a'.repeat(201),
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '`',
  '\\',
  '%',
  '%00',
  '\u0000',
  '\uD800',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'x\r\nSet-Cookie: a=b',
  '__proto__',
  'constructor',
  '陈全国',
  'Ü̈',
];

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...nasty),
);

/** UTF-8 percent-encoding of anything, lone surrogates included (they become U+FFFD, as a browser sends). */
function percentEncode(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Raw bytes, which need not be UTF-8 at all. */
const rawBytes = fc
  .uint8Array({ maxLength: 12 })
  .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

const isJson = (response: Response) =>
  (response.headers.get('content-type') ?? '').includes('application/json');

function declared(spec: RouteSpec, status: number): boolean {
  return status in spec.responses;
}

/** The invariants every answer keeps, whatever was asked. */
async function checkAnswer(spec: RouteSpec, url: string, response: Response): Promise<void> {
  const { status } = response;
  const where = `${spec.method.toUpperCase()} ${url} → ${status}`;
  const body: unknown = isJson(response) ? await response.json() : await response.arrayBuffer();
  expect(status < 500 || (spec === cypherRoute && status === 504), where).toBe(true);
  if (status >= 400) {
    expect(isJson(response), `${where}: errors are JSON`).toBe(true);
    expect(errorBody.safeParse(body).success, `${where}: ${JSON.stringify(body)}`).toBe(true);
    const { error } = body as { error: { code: string; message: string; field?: string } };
    expect(JSON.stringify(body), where).not.toMatch(/\n\s+at |node_modules|Neo4jError|bolt:\/\//);
    if (status === 400 && error.code === 'BAD_REQUEST' && spec.method === 'get') {
      expect(typeof error.field, `${where}: a 400 from validation names the field`).toBe('string');
    }
  }
  // A 404 may also come from a path that no longer matches the route once the URL is normalised
  // (an id of "..", say); every other status must be one the contract declares for this endpoint.
  if (status !== 404) expect(declared(spec, status), `${where}: status declared in the contract`).toBe(true);
  if (declared(spec, status) && spec.responses[status]?.schema && isJson(response)) {
    expectConforms(spec, status, body);
  }
}

function pathOf(spec: RouteSpec, params: Record<string, string>): string {
  return `/api${spec.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => params[name] ?? '')}`;
}

/** Path parameters and query parameters, each absent, given once, or given several times. */
function inputsOf(spec: RouteSpec, value: fc.Arbitrary<string>) {
  const paramNames = Object.keys(spec.params?.shape ?? {});
  const queryNames = [...Object.keys(spec.query?.shape ?? {}), 'unexpected'];
  return fc.record({
    params: fc.record(Object.fromEntries(paramNames.map((name) => [name, value.filter((v) => v !== '')]))),
    query: fc.record(
      Object.fromEntries(
        queryNames.map((name) => [
          name,
          fc.option(fc.array(value, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        ]),
      ),
    ),
  });
}

function urlOf(
  base: string,
  spec: RouteSpec,
  input: { params: Record<string, string>; query: Record<string, string[] | undefined> },
  encode: (value: string) => string,
): string {
  const params = Object.fromEntries(
    Object.entries(input.params).map(([name, value]) => [name, encode(value)]),
  );
  const query = Object.entries(input.query)
    .flatMap(([name, values]) => (values ?? []).map((value) => `${name}=${encode(value)}`))
    .join('&');
  return `${base}${pathOf(spec, params)}${query ? `?${query}` : ''}`;
}

async function databaseChecksum(): Promise<string> {
  const { records } = await getDriver().executeQuery(
    `CALL () { MATCH (n) WITH n ORDER BY elementId(n) RETURN collect([labels(n), properties(n)]) AS nodes }
     CALL () { MATCH ()-[r]->() WITH r ORDER BY elementId(r) RETURN collect([type(r), properties(r)]) AS rels }
     RETURN nodes, rels`,
  );
  return createHash('sha256')
    .update(JSON.stringify(toPlain(records[0]!.toObject())))
    .digest('hex');
}

describe('hostile input', () => {
  let app: RunningServer;
  let before: { counts: { nodes: number; relationships: number }; checksum: string };
  beforeAll(async () => {
    // A short console timeout keeps any slow query the fuzzer writes from slowing the run.
    app = await startTestApp({ QUERY_TIMEOUT_MS: '1000' });
    before = { counts: await countAll(), checksum: await databaseChecksum() };
  });
  afterAll(() => app.close(1_000));

  const getRoutes = allRoutes.filter((spec) => spec.method === 'get');

  it('fuzzes every GET endpoint of the contract', () => {
    expect(getRoutes.map((spec) => spec.path)).toEqual(
      expect.arrayContaining(['/search', '/entities/:id', '/paths', '/graph', '/export', '/sources/:id']),
    );
  });

  describe.each(getRoutes.map((spec) => [`${spec.method.toUpperCase()} ${spec.path}`, spec] as const))(
    '%s',
    (_name, spec) => {
      it('answers arbitrary strings in every parameter without a 5xx, in the error shape', async () => {
        await fc.assert(
          fc.asyncProperty(inputsOf(spec, text), async (input) => {
            // "." and ".." (even as %2E) are dot-segments that URL parsing resolves away before a
            // request leaves the client: no request can carry them as an id.
            fc.pre(Object.values(input.params).every((value) => value !== '.' && value !== '..'));
            const url = urlOf(app.url, spec, input, percentEncode);
            await checkAnswer(spec, url, await fetch(url));
          }),
          { numRuns },
        );
      });

      it('answers bytes that are not UTF-8 (or not validly %-encoded) the same way', async () => {
        await fc.assert(
          fc.asyncProperty(
            inputsOf(spec, fc.oneof(rawBytes, fc.constantFrom('%', '%E0%A4%A', '%FF%FE', '%2F%2E%2E'))),
            async (input) => {
              // `.` and `..` (also as %2e) are dot segments: the URL parser of any client removes them
              // before sending (/stories/%2e is /stories/), so the server never sees them as an id.
              fc.pre(Object.values(input.params).every((v) => !/^(?:\.|%2e){1,2}$/i.test(v)));
              const url = urlOf(app.url, spec, input, (value) => value);
              await checkAnswer(spec, url, await fetch(url));
            },
          ),
          { numRuns },
        );
      });
    },
  );

  describe('POST /api/cypher', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });

    it('answers arbitrary JSON bodies without a 5xx, in the error shape', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue({ maxDepth: 4 }),
            fc.record(
              { query: fc.jsonValue({ maxDepth: 2 }), params: fc.jsonValue({ maxDepth: 3 }) },
              { requiredKeys: [] },
            ),
          ),
          async (body) => {
            await checkAnswer(cypherRoute, '/api/cypher', await post(JSON.stringify(body)));
          },
        ),
        { numRuns },
      );
    });

    it('answers bodies that are not JSON at all with 400 in the error shape', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (body) => {
          const response = await post(body);
          await checkAnswer(cypherRoute, '/api/cypher', response);
          expect(response.status).toBeLessThan(500);
        }),
        { numRuns },
      );
    });

    // Pieces of Cypher, so that the fuzzer gets past the parser into EXPLAIN, the checks and execution.
    const fragments = fc.constantFrom(
      'MATCH (n)',
      'MATCH (n:Entity)',
      "MATCH (n:Entity {id: 'xi-jinping'})",
      'OPTIONAL MATCH (n)-[r]->(m)',
      'MATCH p = (n)-[*1..2]-(m)',
      'WITH n',
      'WITH *',
      'WHERE n.id = $p',
      'UNWIND [1, 2, 3] AS x',
      'UNWIND range(1, $p) AS x',
      'RETURN n',
      'RETURN n, r, m',
      'RETURN p',
      'RETURN 1',
      'RETURN $p',
      'RETURN *',
      'LIMIT 1',
      'LIMIT $p',
      'SKIP 1',
      'ORDER BY n.id',
      'CREATE (x:Fuzz)',
      'MERGE (x:Fuzz {id: 1})',
      'SET n.fuzz = 1',
      'SET n:Fuzz',
      'REMOVE n.name',
      'DELETE n',
      'DETACH DELETE n',
      'FOREACH (i IN [1] | CREATE (:Fuzz))',
      'CALL db.labels()',
      'CALL db.labels() YIELD label',
      "CALL db.createLabel('Fuzz')",
      'CALL dbms.components()',
      "CALL apoc.help('x')",
      "LOAD CSV FROM 'file:///etc/passwd' AS row",
      'CALL {',
      'CALL () {',
      '}',
      '} IN TRANSACTIONS',
      'UNION',
      'UNION ALL',
      'SHOW INDEXES',
      'SHOW USERS',
      'TERMINATE TRANSACTIONS $p',
      'CREATE INDEX fuzz FOR (n:Fuzz) ON (n.x)',
      'DROP CONSTRAINT entity_id',
      'USE system',
      'EXPLAIN',
      'PROFILE',
      'CYPHER runtime=slotted',
      ';',
      '//',
      '/*',
      '*/',
      "'",
      '`',
      '(',
      ')',
    );
    const cypherish = fc.array(
      fc.oneof({ weight: 5, arbitrary: fragments }, { weight: 1, arbitrary: text }),
      {
        minLength: 1,
        maxLength: 7,
      },
    );

    it('answers Cypher-like queries with any parameters without a 5xx, and never changes the graph', async () => {
      await fc.assert(
        fc.asyncProperty(
          cypherish,
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(1, 3, 'xi-jinping', -1, 1e12)),
          async (parts, p) => {
            const response = await post(JSON.stringify({ query: parts.join(' '), params: { p } }));
            await checkAnswer(cypherRoute, '/api/cypher', response);
          },
        ),
        { numRuns: 200 },
      );
      expect(await countAll()).toEqual(before.counts);
      expect(await databaseChecksum()).toBe(before.checksum);
    });

    describe('request bodies over the limit', () => {
      const twoMegabytes = JSON.stringify({
        query: 'RETURN 1',
        params: { pad: 'x'.repeat(2 * 1024 * 1024) },
      });

      async function expectTooLarge(response: Response): Promise<void> {
        expect(response.status).toBe(413);
        const body = (await response.json()) as { error: { code: string } };
        expectConforms(cypherRoute, 413, body);
        expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
      }

      it('refuses a 2 MB body with 413 in the error shape', async () => {
        await expectTooLarge(await post(twoMegabytes));
      });

      it('refuses a 2 MB body that arrives gzip-compressed to a few kilobytes', async () => {
        const compressed = gzipSync(twoMegabytes);
        expect(compressed.length).toBeLessThan(20_000);
        const response = await fetch(`${app.url}/api/cypher`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: compressed,
        });
        await expectTooLarge(response);
      });

      it('refuses a 2 MB body sent in chunks without a length', async () => {
        const bytes = new TextEncoder().encode(twoMegabytes);
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
              controller.enqueue(bytes.slice(offset, offset + 64 * 1024));
            }
            controller.close();
          },
        });
        const response = await fetch(`${app.url}/api/cypher`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: stream,
          duplex: 'half',
        } as RequestInit & { duplex: 'half' });
        await expectTooLarge(response);
      });

      it('refuses a 2 MB body to a path that does not exist with 413 too, in the error shape', async () => {
        const response = await fetch(`${app.url}/api/no-such-endpoint`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: twoMegabytes,
        });
        expect(response.status).toBe(413);
        expect(errorBody.safeParse(await response.json()).success).toBe(true);
      });
    });
  });
});
