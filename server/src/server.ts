import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app.js';
import type { AppContext } from './context.js';

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
  const server = createServer(createApp(context, options));
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
