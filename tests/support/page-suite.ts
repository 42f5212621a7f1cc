import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../server/src/server.js';
import { startTestApp } from './app.js';
import { launchBrowser } from './browser.js';

export interface PageSuite {
  readonly app: RunningServer;
  readonly browser: Browser;
}

export interface PageSuiteOptions {
  /** The app's environment (config overrides), as for startTestApp. */
  env?: NodeJS.ProcessEnv;
  /** Runs before the app starts: the database state the suite's page must open on. */
  prepare?: () => Promise<void>;
}

/**
 * The app and Chromium for one describe block of end-to-end tests, started before its tests and
 * closed after them. Call it in the describe body; read `app` and `browser` only inside tests and
 * hooks, since they exist once the suite has started.
 */
export function usePageSuite(options: PageSuiteOptions = {}): PageSuite {
  let app: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await options.prepare?.();
    app = await startTestApp(options.env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close(1_000);
  });
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the page suite's ${name} is read before the suite started`);
    return value;
  };
  return {
    get app() {
      return started(app, 'app');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}
