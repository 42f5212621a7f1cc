// Requests that are the client's mistake: each answers a 4xx in the error shape, names the problem,
// writes nothing, and is logged below error level (an error-level line pages someone).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoryRoute } from '../../contract/stories.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { listen, type RunningServer } from '../../server/src/server.js';
import { expectConforms } from '../support/contract.js';
import { getDriver } from '../support/neo4j.js';

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; field?: string } };
  text: string;
}

async function call(url: string, init?: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // Not JSON: the assertions on `body.error` say so.
  }
  return { status: response.status, body, text };
}

describe('client errors are 4xx, never 500', () => {
  let app: RunningServer;
  let logged = '';
  let text = '';

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'info' });
    app = await listen(
      { driver: getDriver(), config, logger: createLogger('info', sink) },
      { host: '127.0.0.1', port: 0 },
    );
    const { records } = await getDriver().executeQuery(
      "MATCH (s:Source {id: 'no-mercy-in-xinjiang'}) RETURN s.text AS text",
    );
    text = String(records[0]!.get('text'));
  });
  afterAll(async () => {
    await getDriver().executeQuery("MATCH (s:Story) WHERE s.title STARTS WITH 'Client error probe' DELETE s");
    await app.close(1_000);
  });

  /** Error-level lines (pino level 50 and up) logged since `mark`. */
  function errorLinesSince(mark: number): string[] {
    return logged
      .slice(mark)
      .split('\n')
      .filter((line) => line.trim() !== '' && (JSON.parse(line) as { level: number }).level >= 50);
  }

  it('answers a missing or hostile API docs asset with 404 in the error shape', async () => {
    const mark = logged.length;
    const answers: Record<string, number> = {};
    for (const path of [
      '/api/docs/assets/no-such-file.js',
      '/api/docs/assets/%00',
      '/api/docs/assets/swagger-ui.css%00.js',
      '/api/docs/assets/..%2f..%2fpackage.json',
      '/api/docs/assets/..%2f..%2f..%2f..%2fpackage.json',
    ]) {
      const r = await call(`${app.url}${path}`);
      answers[path] = r.status;
      expect(r.text).not.toContain('"dependencies"');
      if (r.status < 500) expect(r.body.error?.code, path).toMatch(/NOT_FOUND|BAD_REQUEST|FORBIDDEN/);
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((path) => [path, 404])));
    // The real assets are still served.
    expect((await call(`${app.url}/api/docs/assets/swagger-ui.css`)).status).toBe(200);
    expect(errorLinesSince(mark)).toEqual([]);
  });

  it('answers 400 naming the field to story quotes with bad offsets, and writes nothing', async () => {
    const fragment = 'Xinjiang';
    const at = text.indexOf(fragment);
    const step = (quote: Record<string, unknown>) => ({
      title: 'Client error probe',
      steps: [
        { title: 'One', nodeIds: ['chen-quanguo'], quote: { sourceId: 'no-mercy-in-xinjiang', ...quote } },
      ],
    });
    const mark = logged.length;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['start -5', { start: -5, end: at + 8, quote: fragment }, /steps\.0\.quote\.start/],
      ['end < start', { start: at + 8, end: at, quote: fragment }, /steps\.0\.quote\.end/],
      ['end 2^31', { start: at, end: 2_147_483_648, quote: fragment }, /steps\.0\.quote\.end/],
      [
        'empty past the end',
        { start: text.length + 10, end: text.length + 10, quote: '' },
        /steps\.0\.quote/,
      ],
      [
        'past the end',
        { start: text.length - 2, end: text.length + 3, quote: `${text.slice(-2)}abc` },
        /steps\.0\.quote/,
      ],
      ['length not end - start', { start: at, end: at + 3, quote: fragment }, /steps\.0\.quote\.quote/],
    ];
    const answers: Record<string, string> = {};
    for (const [name, quote, field] of cases) {
      const r = await call(`${app.url}/api/stories`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(step(quote)),
      });
      answers[name] =
        `${r.status} ${r.body.error?.code} ${field.test(r.body.error?.field ?? '') ? 'field named' : `field ${r.body.error?.field}`}`;
      if (r.status < 500) expectConforms(createStoryRoute, r.status, r.body);
    }
    // All at once, so a failure shows every case's answer.
    expect(answers).toEqual(Object.fromEntries(cases.map(([name]) => [name, '400 BAD_REQUEST field named'])));
    const { records } = await getDriver().executeQuery(
      "MATCH (s:Story) WHERE s.title STARTS WITH 'Client error probe' RETURN count(s) AS n",
    );
    expect(Number(records[0]!.get('n'))).toBe(0);
    // A right quote is still taken.
    const good = await call(`${app.url}/api/stories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(step({ start: at, end: at + fragment.length, quote: fragment })),
    });
    expect(good.status).toBe(201);
    expect(errorLinesSince(mark)).toEqual([]);
  });
});
