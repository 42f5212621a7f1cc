import { readFileSync, readdirSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientDist } from '../../client/build.js';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from '../support/app.js';

// The built page as a browser gets it: hashed assets compressed once at build time and cached for
// good, the HTML revalidated on every visit. `npm test` builds the page before this suite runs.

/** The bytes as sent: fetch would undo the Content-Encoding. */
function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe('the built page', () => {
  let app: RunningServer;
  let script: string;
  beforeAll(async () => {
    app = await startTestApp();
    const name = readdirSync(join(clientDist, 'assets')).find((file) => /^index-.*\.js$/.test(file));
    if (!name) throw new Error('client/dist has no index-*.js: run npm run build:client');
    script = name;
  });
  afterAll(() => app.close(1_000));

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)(
    'sends a script precompressed as %s, byte for byte the built file',
    async (encoding, decode) => {
      const response = await rawGet(`${app.url}/assets/${script}`, encoding);
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      const original = readFileSync(join(clientDist, 'assets', script));
      expect(response.body.length).toBeLessThan(original.length / 2);
      expect(decode(response.body).equals(original)).toBe(true);
    },
  );

  it('sends the plain file to a client that takes no compression', async () => {
    const response = await fetch(`${app.url}/assets/${script}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(
      Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(clientDist, 'assets', script))),
    ).toBe(true);
  });

  it('answers a missing asset with a 404 that is not cached, and revalidates the page itself', async () => {
    const missing = await fetch(`${app.url}/assets/index-00000000.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toMatch(/no-cache/);
  });
});
