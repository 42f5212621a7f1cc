// The import against a real Neo4j and the real app: a new article in, reviewed, published and found
// by the explorer; drafts invisible until then; the downloaded dataset valid and equal to what
// publishing wrote; files refused by their content, leaving nothing behind.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redoRoute, undoRoute } from '../../contract/history.js';
import * as spec from '../../contract/imports.js';
import type { RouteSpec } from '../../contract/route.js';
import { applySchema, checkDataset, loadDataset, formatErrors } from '../../seed/src/index.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';
import { expectConforms } from '../support/contract.js';
import { getDriver, resetToArticle, wipeDatabase } from '../support/neo4j.js';
import { makePdf } from '../support/pdf.js';

let driver: Driver;
let app: RunningServer;
let dir: string;

const ARTICLE = [
  'Zhu Hailun, a senior official, was appointed to Xinjiang in 2017, according to the Harbor Tribune.',
  'Mr. Zhu told Chen Quanguo that the Uyghurs in Kashgar were being watched.',
  'Chén Quanguo did not comment. Zhu Hailun later met officials in Kashgar.',
].join(' ');

// Bodies are checked against the contract (expectConforms) before the test reads them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

async function call(
  route: RouteSpec,
  params: Record<string, string> = {},
  init: { body?: unknown; raw?: Uint8Array; contentType?: string; query?: Record<string, string> } = {},
): Promise<{ status: number; body: Body; text: string }> {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? '');
  const query = init.query ? `?${new URLSearchParams(init.query).toString()}` : '';
  const response = await fetch(`${app.url}/api${path}${query}`, {
    method: route.method.toUpperCase(),
    headers: init.raw
      ? { 'content-type': init.contentType ?? 'application/octet-stream' }
      : init.body !== undefined
        ? { 'content-type': 'application/json' }
        : {},
    body: init.raw ? Buffer.from(init.raw) : init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  const body = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
  if (route.responses[response.status]?.schema) expectConforms(route, response.status, body);
  return { status: response.status, body, text };
}

async function count(cypher: string): Promise<number> {
  const { records } = await driver.executeQuery(`${cypher} RETURN count(*) AS n`);
  return Number(records[0]?.get('n'));
}

function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (neo4j.isInt(v) ? `int:${v.toString()}` : v));
}

/** Every Entity, Source and RelationshipType with its properties, and every link between them. */
async function snapshot(): Promise<string> {
  const { records: nodes } = await driver.executeQuery(
    'MATCH (n) WHERE n:Entity OR n:Source OR n:RelationshipType RETURN labels(n) AS l, properties(n) AS p',
  );
  const { records: rels } = await driver.executeQuery(
    'MATCH (a)-[r]->(b) WHERE (a:Entity OR a:Source) AND (b:Entity OR b:Source) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p',
  );
  const lines = [
    ...nodes.map((n) => `${[...(n.get('l') as string[])].sort().join(':')} ${show(n.get('p'))}`),
    ...rels.map(
      (r) => `${String(r.get('a'))}-${String(r.get('t'))}->${String(r.get('b'))} ${show(r.get('p'))}`,
    ),
  ].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

beforeAll(async () => {
  driver = getDriver();
  await resetToArticle();
  // A publish loads a dataset and may take seconds on a busy machine; the load shedder's deadline is
  // for reads that hang, and would answer such a write 503 while it still commits.
  app = await startTestApp({ OVERLOAD_SERVICE_MS: '120000' });
  dir = await mkdtemp(join(tmpdir(), 'trove-imports-'));
});

afterAll(async () => {
  await app.close(1_000);
  await rm(dir, { recursive: true, force: true });
  await resetToArticle();
});

describe('importing an article', () => {
  let id = '';
  let downloaded = '';
  let published = '';
  let beforePublish = '';
  let draftBeforePublish: unknown;

  it('stores pasted text as a draft, once per text, and shows what it found', async () => {
    const changes = await count('MATCH (:Change)');
    const meta = { title: 'Zhu in Kashgar', publisher: 'Harbor Tribune', date: '2019-11' };
    const first = await call(spec.createImportRoute, {}, { body: { ...meta, text: ARTICLE } });
    expect(first.status).toBe(201);
    id = first.body.id;
    expect(await count('MATCH (:Change {op: "import"})')).toBe(1);
    expect(await count('MATCH (:Change)')).toBe(changes + 1);
    const again = await call(
      spec.createImportRoute,
      {},
      { body: { ...meta, title: 'Another title', text: ARTICLE } },
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id, status: 'draft', existing: true });

    const { status, body } = await call(spec.getImportRoute, { id });
    expect(status).toBe(200);
    expect(body.text).toBe(ARTICLE);
    expect(body.datePrecision).toBe('month');
    expect(body.contentHash).toBe(`sha256:${createHash('sha256').update(ARTICLE).digest('hex')}`);
    const known = body.mentions.map((m: { entityId: string; text: string }) => `${m.entityId}:${m.text}`);
    expect(known).toEqual(
      expect.arrayContaining(['xinjiang:Xinjiang', 'chen-quanguo:Chen Quanguo', 'chen-quanguo:Chén Quanguo']),
    );
    const zhu = body.candidates.find((c: { name: string }) => c.name === 'Zhu Hailun');
    expect(zhu?.kind).toBe('Person');
    expect(zhu.mentions.map((m: { text: string }) => m.text)).toEqual([
      'Zhu Hailun',
      'Mr. Zhu',
      'Zhu Hailun',
    ]);
    const uyghurs = body.candidates.find((c: { name: string }) => c.name === 'Uyghurs');
    expect(uyghurs?.link).toMatchObject({ entityId: 'uighurs' });
    expect(uyghurs.link.reasons.length).toBeGreaterThan(0);
    expect(body.candidates.map((c: { name: string }) => c.name)).toContain('Kashgar');
  });

  it('keeps drafts out of everything the explorer reads', async () => {
    const search = await (await fetch(`${app.url}/api/search?q=Zhu%20Hailun`)).json();
    expect(JSON.stringify(search)).not.toContain('Zhu');
    const sources = await (await fetch(`${app.url}/api/sources`)).json();
    expect(JSON.stringify(sources)).not.toContain(id);
    const graph = await (await fetch(`${app.url}/api/graph`)).text();
    expect(graph).not.toContain('Kashgar');
    const exported = await (await fetch(`${app.url}/api/export?format=dataset`)).text();
    expect(exported).not.toContain('Kashgar');
    const health = await (await fetch(`${app.url}/api/health`)).json();
    const entities = await count('MATCH (:Entity)');
    expect(health.counts.nodes).toBe(entities);
    expect(await count(`MATCH (s:Source {id: '${id}'})`)).toBe(0);
  });

  it('takes decisions and claims, refusing what would not load', async () => {
    const draft = (await call(spec.getImportRoute, { id })).body;
    const zhu = draft.candidates.find((c: { name: string }) => c.name === 'Zhu Hailun');
    const uyghurs = draft.candidates.find((c: { name: string }) => c.name === 'Uyghurs');
    const kashgar = draft.candidates.find((c: { name: string }) => c.name === 'Kashgar');
    const decided = await call(
      spec.decideImportRoute,
      { id },
      {
        body: {
          decisions: [
            { candidate: zhu.id, action: 'accept', description: 'Party official in Xinjiang.' },
            { candidate: uyghurs.id, action: 'link', entityId: 'uighurs' },
            { candidate: kashgar.id, action: 'accept', kind: 'Place', name: 'Kashgar' },
          ],
        },
      },
    );
    expect(decided.status).toBe(200);
    const ids = decided.body.entities.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['zhu-hailun', 'kashgar', 'uighurs', 'xinjiang']));
    expect(await count('MATCH (:Change {op: "edit"})')).toBe(1);

    const bad = await call(
      spec.decideImportRoute,
      { id },
      {
        body: { decisions: [{ candidate: uyghurs.id, action: 'link', entityId: 'no-such-entity' }] },
      },
    );
    expect(bad.status).toBe(400);

    const quote = 'Zhu Hailun, a senior official, was appointed to Xinjiang in 2017';
    const claim = {
      from: 'zhu-hailun',
      to: 'xinjiang',
      type: 'APPOINTED_TO',
      start: 0,
      end: quote.length,
      quote,
    };
    const shifted = await call(
      spec.addImportClaimRoute,
      { id },
      { body: { ...claim, start: 1, end: quote.length + 1 } },
    );
    expect(shifted.status).toBe(400);
    expect(shifted.body.error.message).toContain('verbatim');
    const newType = await call(
      spec.addImportClaimRoute,
      { id },
      { body: { ...claim, type: 'WATCHED_OVER' } },
    );
    expect(newType.status).toBe(400);
    expect(newType.body.error.field).toBe('typeDescription');
    const wrongKinds = await call(spec.addImportClaimRoute, { id }, { body: { ...claim, from: 'kashgar' } });
    expect(wrongKinds.status).toBe(400);

    const added = await call(
      spec.addImportClaimRoute,
      { id },
      {
        body: { ...claim, date: { start: '2017', precision: 'year' } },
      },
    );
    expect(added.status).toBe(201);
    expect(added.body.claims).toHaveLength(1);
    const visits = 'Zhu Hailun later met officials in Kashgar';
    const at = ARTICLE.indexOf(visits);
    const second = await call(
      spec.addImportClaimRoute,
      { id },
      {
        body: {
          from: 'zhu-hailun',
          to: 'kashgar',
          type: 'VISITED_ON_DUTY',
          typeDescription: 'A person went to a place in an official capacity.',
          start: at,
          end: at + visits.length,
          quote: visits,
        },
      },
    );
    expect(second.status).toBe(201);
    expect(await count('MATCH (:Change {op: "edit"})')).toBe(3);
  });

  it('downloads a dataset that the seed accepts', async () => {
    const response = await fetch(`${app.url}/api/imports/${id}/dataset`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`${id}.trove-dataset.json`);
    downloaded = join(dir, 'draft.json');
    await writeFile(downloaded, await response.text());
    const check = await checkDataset(downloaded);
    expect(formatErrors(check.errors)).toBe('');
    expect(check.counts?.relationships).toBe(2);
    expect(check.data?.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['zhu-hailun', 'kashgar']));
  });

  it(
    'publishes: the explorer finds the new entity, the draft is gone, the change is recorded',
    { timeout: 120_000 },
    async () => {
      beforePublish = await snapshot();
      draftBeforePublish = (await call(spec.getImportRoute, { id })).body;
      const { status, body } = await call(spec.publishImportRoute, { id });
      expect(status).toBe(200);
      expect(body.sourceId).toBe(id);
      const search = await (await fetch(`${app.url}/api/search?q=Zhu%20Hailun`)).json();
      expect(search.results[0]?.id).toBe('zhu-hailun');
      const source = await (await fetch(`${app.url}/api/sources/${id}`)).json();
      expect(source.source.text).toBe(ARTICLE);
      const mentioned = source.mentions.map(
        (m: { entityId: string; text: string }) => `${m.entityId}:${m.text}`,
      );
      expect(mentioned).toEqual(
        expect.arrayContaining(['uighurs:Uyghurs', 'chen-quanguo:Chén Quanguo', 'zhu-hailun:Mr. Zhu']),
      );
      expect((await call(spec.getImportRoute, { id })).status).toBe(404);
      expect(await count('MATCH (:ImportDraft)')).toBe(0);
      expect(await count('MATCH (:Change {op: "publish"})')).toBe(1);
      const again = await call(
        spec.createImportRoute,
        {},
        { body: { title: 'x', publisher: 'y', text: ARTICLE } },
      );
      expect(again.body).toEqual({ id, status: 'published', existing: true });
      published = await snapshot();
    },
  );

  it(
    'undoes the publish to the graph before it with the draft back, and redoes it exactly',
    { timeout: 120_000 },
    async () => {
      const step = async (route: RouteSpec) => {
        const { status, body } = await call(route);
        expect(status, JSON.stringify(body)).toBe(200);
        return body;
      };
      const undone = await step(undoRoute);
      expect(undone.summary).toMatch(/^Undid: Published "Zhu in Kashgar"/);
      expect(await snapshot()).toBe(beforePublish);
      expect((await call(spec.getImportRoute, { id })).body).toEqual(draftBeforePublish);
      expect(await count('MATCH (:Entity {id: "zhu-hailun"})')).toBe(0);

      await step(redoRoute);
      expect(await snapshot()).toBe(published);
      expect((await call(spec.getImportRoute, { id })).status).toBe(404);

      // Back and forth again: the redo kept its own record of what it loaded.
      await step(undoRoute);
      expect(await snapshot()).toBe(beforePublish);
      await step(redoRoute);
      expect(await snapshot()).toBe(published);
    },
  );

  it(
    'reloads: the article plus the downloaded dataset is exactly the published graph',
    { timeout: 180_000 },
    async () => {
      await wipeDatabase(driver);
      await resetToArticle();
      await loadDataset(driver, downloaded);
      expect(await snapshot()).toBe(published);
      // And on its own, into an empty database.
      await wipeDatabase(driver);
      await applySchema(driver);
      const summary = await loadDataset(driver, downloaded);
      expect(summary.created.sources).toBe(1);
      expect(await count('MATCH (:Entity {id: "zhu-hailun"})')).toBe(1);
      await resetToArticle();
    },
  );
});

describe('uploading files', () => {
  const meta = { title: 'Upload', publisher: 'Tests' };
  const drafts = () => count('MATCH (:ImportDraft)');

  it('takes metadata at its longest in the query, and names a request head over 64 KiB', async () => {
    // 2,000 characters of three UTF-8 bytes each: 18 KB once %-encoded, over Node's default 16 KiB.
    const note = '新'.repeat(2_000);
    const text = new TextEncoder().encode('Zhu Hailun spoke in Urumqi in 2018.');
    const longest = await call(
      spec.uploadImportRoute,
      {},
      { raw: text, contentType: 'text/plain', query: { ...meta, note } },
    );
    expect(longest.status, longest.text).toBe(201);
    expect((await call(spec.getImportRoute, { id: longest.body.id })).body.note).toBe(note);
    // Removed behind the API's back: a discard would log a change the tests below count.
    await driver.executeQuery('MATCH (d:ImportDraft {id: $id}) DETACH DELETE d', { id: longest.body.id });

    const tooLong = await call(
      spec.uploadImportRoute,
      {},
      {
        raw: text,
        contentType: 'text/plain',
        query: { ...meta, note: 'x'.repeat(70_000) },
      },
    );
    expect(tooLong.status).toBe(431);
    expect(tooLong.body).toEqual({
      error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('64 KiB') },
    });
  });

  it('reads a PDF page by page, so claims cite their page', async () => {
    const pdf = makePdf([
      ['Zhu Hailun spoke in Urumqi in 2018.'],
      ['Zhu Hailun was appointed to Xinjiang in 2016.'],
    ]);
    const { status, body } = await call(
      spec.uploadImportRoute,
      {},
      { raw: pdf, contentType: 'application/pdf', query: meta },
    );
    expect(status).toBe(201);
    const draft = (await call(spec.getImportRoute, { id: body.id })).body;
    expect(draft.mediaType).toBe('application/pdf');
    expect(draft.pageStarts).toHaveLength(2);
    expect(draft.text.slice(draft.pageStarts[1])).toMatch(/^Zhu Hailun was appointed/);
    const zhu = draft.candidates.find((c: { name: string }) => c.name === 'Zhu Hailun');
    await call(
      spec.decideImportRoute,
      { id: body.id },
      { body: { decisions: [{ candidate: zhu.id, action: 'accept' }] } },
    );
    const quote = 'Zhu Hailun was appointed to Xinjiang';
    const start = draft.text.indexOf(quote);
    const added = await call(
      spec.addImportClaimRoute,
      { id: body.id },
      {
        body: {
          from: 'zhu-hailun',
          to: 'xinjiang',
          type: 'APPOINTED_TO',
          start,
          end: start + quote.length,
          quote,
        },
      },
    );
    expect(added.body.claims[0].page).toBe(2);
    const discarded = await call(spec.discardImportRoute, { id: body.id });
    expect(discarded.status).toBe(200);
    expect(await count('MATCH (:Change {op: "discard"})')).toBe(1);
    expect((await call(spec.getImportRoute, { id: body.id })).status).toBe(404);
  });

  it('keeps the main text of HTML, never its markup or scripts', async () => {
    const html = `<!doctype html><html><head><title>T</title><script>document.title = 'ran'</script></head>
      <body><nav><a href="/">Home</a> <a href="/x">Other</a></nav><article><h1>Harbor news</h1>
      <p>Zhu Hailun visited <b>Kashgar</b> in May 2018, where officials showed him new schools.</p>
      <p>He returned to Urumqi a week later and reported to the regional government about it.</p></article>
      <footer>Copyright</footer></body></html>`;
    const { status, body } = await call(
      spec.uploadImportRoute,
      {},
      {
        raw: new TextEncoder().encode(html),
        contentType: 'text/html',
        query: { ...meta, title: 'Harbor news' },
      },
    );
    expect(status).toBe(201);
    const draft = (await call(spec.getImportRoute, { id: body.id })).body;
    expect(draft.text).toContain('Zhu Hailun visited Kashgar in May 2018');
    expect(draft.text).not.toMatch(/<|document\.title|Copyright/);
    await call(spec.discardImportRoute, { id: body.id });
  });

  it.each([
    ['an encrypted PDF', makePdf([['secret']], { encrypted: true }), 'application/pdf', 422],
    ['a malformed PDF', new TextEncoder().encode('%PDF-1.7\n1 0 obj broken'), 'application/pdf', 422],
    ['a zip file', new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), 'text/plain', 415],
    ['a gzip file', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]), 'application/octet-stream', 415],
    ['binary bytes', new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x41]), 'text/plain', 415],
    ['text labelled as a PDF', new TextEncoder().encode('plain words'), 'application/pdf', 415],
    ['a PDF labelled as text', makePdf([['hello']]), 'text/plain', 415],
    ['an empty file', new Uint8Array(), 'text/plain', 422],
  ])('refuses %s with a clear 4xx and stores nothing', async (_what, bytes, contentType, expected) => {
    const before = await drafts();
    const changes = await count('MATCH (:Change)');
    const { status, body } = await call(spec.uploadImportRoute, {}, { raw: bytes, contentType, query: meta });
    expect(status).toBe(expected);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(await drafts()).toBe(before);
    expect(await count('MATCH (:Change)')).toBe(changes);
  });

  it('refuses more than 2 MB of text with 413', async () => {
    const big = 'Word '.repeat(450_000);
    const { status, body } = await call(
      spec.uploadImportRoute,
      {},
      {
        raw: new TextEncoder().encode(big),
        contentType: 'text/plain',
        query: meta,
      },
    );
    expect(status).toBe(413);
    expect(body.error.message).toContain('2 MB');
  });
});
