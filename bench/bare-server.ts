// The limit an HTTP API can reach on this machine: a bare `node:http` handler that, for each request
// the bench sends, runs the very Cypher Trove ran for it (recorded by bench/api.ts's recording
// driver) through the same neo4j-driver, then serializes and writes the JSON body Trove answered.
// It pays what any server must (a socket, HTTP parsing, the database round trips, JSON.stringify of
// a body of the same size) and nothing of Trove's own (Express, middleware, validation, mapping,
// logging, compression), so Trove / bare is Trove's own cost, free of HTTP's, which the in-process
// driver baseline cannot separate.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import type { CapturedQuery } from './api.js';

export interface BareAnswer {
  queries: CapturedQuery[];
  status: number;
  /** Trove's answer, parsed: the bare server stringifies it anew for every request. */
  body: unknown;
}

export interface BareServer {
  url: string;
  /** Registers what to run and answer for a request (method, path with query, body). */
  answer(method: string, path: string, body: string | undefined, answer: BareAnswer): void;
  close(): Promise<void>;
}

const key = (method: string, path: string, body: string | undefined): string =>
  `${method} ${path}\n${body ?? ''}`;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBareServer(driver: Driver): Promise<BareServer> {
  const answers = new Map<string, BareAnswer>();
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const answer = answers.get(key(req.method ?? 'GET', req.url ?? '/', body));
        if (!answer) {
          res.writeHead(404).end();
          return;
        }
        for (const { query, params } of answer.queries) {
          await driver.executeQuery(query, params, { routing: neo4j.routing.READ });
        }
        const json = JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        });
        res.end(json);
      } catch {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    })();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer(method, path, body, answer) {
      answers.set(key(method, path, body), answer);
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
