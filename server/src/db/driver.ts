import neo4j, { type Driver, type ServerInfo } from 'neo4j-driver';
import type { Config } from '../config.js';

/** The one driver of the process. Pools and routing live in it, so it is created once. */
export function createDriver(config: Pick<Config['neo4j'], 'user' | 'password'> & { uri: string }): Driver {
  // No password means authentication is off (the loopback default); the driver then sends none.
  const auth = config.password === '' ? undefined : neo4j.auth.basic(config.user, config.password);
  return neo4j.driver(config.uri, auth, {
    // Fail fast when the database is away, so requests answer 503 instead of hanging. The
    // DatabaseGate (http/database-gate.ts) answers in-flight requests sooner still; these bound what
    // the driver does on its own: a TCP connect that takes 2 s is not coming, and one retry of a
    // transient failure (a leader switch in a cluster) is worth a second, not more.
    connectionTimeout: 2_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 1_000,
    disableLosslessIntegers: false,
    userAgent: 'trove',
  });
}

/** Polls with the driver itself until the server answers, instead of sleeping a fixed time. */
export async function waitForDatabase(driver: Driver, timeoutMs = 60_000): Promise<ServerInfo> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await driver.getServerInfo();
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `Neo4j did not answer within ${timeoutMs} ms: ${(lastError as Error | undefined)?.message}`,
  );
}
