import type { Server } from 'node:http';
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
  const app = createApp(context, options);
  const server = await new Promise<Server>((ready, fail) => {
    const s = app.listen(options.port, options.host, () => ready(s));
    s.once('error', fail);
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
