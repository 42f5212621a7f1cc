import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Config } from './config.js';

/** What every route needs, created once at start-up and passed down explicitly. */
export interface AppContext {
  driver: Driver;
  config: Config;
  logger: Logger;
}
