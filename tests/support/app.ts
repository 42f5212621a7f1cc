import { clientDist } from '../../client/build.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { listen, type RunningServer } from '../../server/src/server.js';
import { getDriver } from './neo4j.js';

/** The real app on a free loopback port, against the run's test database. Close it in afterAll. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const server = await listen(
    { driver: getDriver(), config, logger: createLogger(config.logLevel) },
    { host: '127.0.0.1', port: 0, clientDir: clientDist },
  );
  return server;
}

export async function getJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T };
}
