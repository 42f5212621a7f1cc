import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { ConsoleRunner } from './cypher-console/workers.js';

/** What every route needs, created once at start-up and passed down explicitly. */
export interface AppContext {
  driver: Driver;
  config: Config;
  logger: Logger;
  /** Where console queries run: worker threads in the product; this thread and `driver` if unset. */
  consoleRunner?: ConsoleRunner;
}
