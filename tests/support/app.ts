import { clientDist } from '../../client/build.js';
import { inject } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { ConsoleWorkers } from '../../server/src/cypher-console/workers.js';
import { createLogger } from '../../server/src/logger.js';
import { listen, type RunningServer } from '../../server/src/server.js';
import { getDriver } from './neo4j.js';

/**
 * The real app on a free loopback port, against the run's test database, with its console on worker
 * threads as in the product. Close it in afterAll.
 */
export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const consoleRunner = new ConsoleWorkers({
    uri: inject('neo4jUri'),
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
  });
  await consoleRunner.ready();
  const server = await listen(
    { driver: getDriver(), config, logger: createLogger(config.logLevel), consoleRunner },
    { host: '127.0.0.1', port: 0, clientDir: clientDist },
  );
  return {
    ...server,
    async close(graceMs) {
      await server.close(graceMs);
      await consoleRunner.close();
    },
  };
}

export async function getJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T };
}
