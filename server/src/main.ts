// `npm start`: the whole product in one command. Starts the embedded Neo4j unless NEO4J_URI names a
// database, applies the schema, seeds an empty database, builds the page if needed, serves it, and
// on Ctrl-C or SIGTERM stops everything it started.
import type { Driver } from 'neo4j-driver';
import { clientDist, ensureClientBuilt } from '../../client/build.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../neo4j/launcher.js';
import { applySchema, seedIfEmpty } from '../../seed/src/index.js';
import { ConfigError, loadConfig } from './config.js';
import { ConsoleWorkers } from './cypher-console/workers.js';
import { createDriver, waitForDatabase } from './db/driver.js';
import { warmUp } from './warm-up.js';
import { createLogger } from './logger.js';
import { listen, type RunningServer } from './server.js';
import { loadBuiltInStories } from './stories/builtin.js';
import { ensureStorySchema } from './stories/query.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const say = (line: string): void => console.log(`trove: ${line}`);

  let embedded: EmbeddedNeo4j | undefined;
  let driver: Driver | undefined;
  let server: RunningServer | undefined;
  let consoleWorkers: ConsoleWorkers | undefined;
  let stopping = false;

  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${reason}: stopping...`);
    await server?.close().catch(() => undefined);
    await consoleWorkers?.close().catch(() => undefined);
    await driver?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    say('stopped.');
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));

  try {
    let uri = config.neo4j.uri;
    let { user, password } = config.neo4j;
    if (uri === undefined) {
      const { dataDir, boltPort, heapMb, pageCacheMb, txTimeoutMs, txMemoryMb } = config.neo4j.embedded;
      say(`starting the embedded Neo4j (data in ${dataDir})...`);
      const started = Date.now();
      embedded = await startEmbeddedNeo4j({
        dataDir,
        port: boltPort,
        heapMb,
        pageCacheMb,
        txTimeoutMs,
        txMemoryMb,
        password: config.neo4j.password,
        log: say,
      });
      uri = embedded.uri;
      ({ user, password } = embedded);
      say(`Neo4j is listening on ${uri} (${Date.now() - started} ms); its password: npm run db:credentials`);
    }
    if (stopping) return;
    driver = createDriver({ uri, user, password });
    const info = await waitForDatabase(driver);
    say(`connected to ${info.agent ?? 'Neo4j'} at ${uri}`);

    await applySchema(driver);
    if (config.seedOnStart) {
      const summary = await seedIfEmpty(driver);
      if (summary) say(`seeded the empty database: ${JSON.stringify(summary)}`);
    }
    await ensureStorySchema(driver);
    await loadBuiltInStories(driver);
    say(`planned the first page's queries (${await warmUp(driver)} ms)`);
    ensureClientBuilt(say);
    if (stopping) return;

    consoleWorkers = new ConsoleWorkers({ uri, user, password }, { onIncident: (what) => logger.warn(what) });
    await consoleWorkers.ready();
    server = await listen(
      { driver, config, logger, consoleRunner: consoleWorkers },
      { host: config.host, port: config.port, clientDir: clientDist },
    );
    say(`ready: ${server.url}`);
    if (config.access.exposed) {
      logger.warn(
        `listening on ${config.host}, beyond loopback: the Cypher console and story writes are open to anyone holding TROVE_TOKEN${config.access.token ? '' : ' (none is set, so they are refused)'}; requests must name a host in ALLOWED_HOSTS`,
      );
    }
  } catch (error) {
    console.error(`trove: start-up failed: ${(error as Error).message}`);
    await shutdown('start-up failed', 1);
  }
}

void main();
