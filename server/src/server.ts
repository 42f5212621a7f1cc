import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createApp, type AppOptions } from './app.js';
import type { AppContext } from './context.js';

/** The request line and headers together, at most (see contract/openapi.ts, 431). */
export const MAX_HEADER_BYTES = 64 * 1024;

/** What Node answers a request it refuses before the app sees it, by its error code. */
const CLIENT_ERRORS: Record<string, [status: number, reason: string, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'HEADERS_TOO_LARGE',
    `The request line and headers are over ${MAX_HEADER_BYTES / 1024} KiB.`,
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'REQUEST_TIMEOUT',
    'The request was not received in time.',
  ],
};
const BAD_REQUEST: [number, string, string, string] = [
  400,
  'Bad Request',
  'BAD_REQUEST',
  'The request is not valid HTTP.',
];

/**
 * A request Node refuses before the app sees it gets the status Node would give it (431, 408, else
 * 400), in the API's error shape: Node's own answers have no body, so they name nothing.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? BAD_REQUEST;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops accepting connections and waits for in-flight requests (at most `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

export async function listen(
  context: AppContext,
  options: AppOptions & { host: string; port: number },
): Promise<RunningServer> {
  // Node's default 16 KiB of request head is less than the longest valid request: an upload's metadata
  // travels in its query (title, publisher, url and note: about 4,600 characters, up to 42 KB
  // %-encoded). 64 KiB admits every valid request; beyond it the answer is a 431 in the error shape.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, createApp(context, options));
  server.on('clientError', answerClientError);
  // Not app.listen(): Express 5 hands a listen error to the callback, which would look like success.
  await new Promise<void>((ready, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(
              `${options.host}:${options.port} is already in use: stop what uses it or set PORT (and HOST).`,
            )
          : error,
      );
    };
    server.once('error', onError);
    // Room for a burst of new connections while the loop is busy (Node's default is 511; the kernel
    // caps it at net.core.somaxconn): a connection beyond the backlog is refused, and a refused
    // connection is an error the client cannot tell from a dead server, where a 503 says "later".
    server.listen({ port: options.port, host: options.host, backlog: 2048 }, () => {
      server.off('error', onError);
      ready();
    });
  });
  // Keep-alive sockets would hold close() open; idle ones are dropped at shutdown instead.
  server.keepAliveTimeout = 5_000;
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    server,
    close(graceMs = 10_000) {
      return new Promise<void>((done) => {
        const force = setTimeout(() => {
          server.closeAllConnections();
        }, graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      });
    },
  };
}
