import { Router } from 'express';
import type { AppContext } from '../context.js';
import { cypherRoute } from '../../../contract/cypher.js';
import { mount } from '../http/mount.js';
import { inProcessConsole } from './workers.js';

export function cypherConsoleRouter({ driver, config, consoleRunner }: AppContext): Router {
  const router = Router();
  const runner = consoleRunner ?? inProcessConsole(driver);
  mount(router, cypherRoute, ({ body }, _req, res) => {
    // A response closed before it finished means the client went away (the page's Cancel aborts its
    // fetch): the query is stopped in Neo4j instead of running on for nobody.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    return runner.run(body.query, body.params, config.query, gone.signal);
  });
  return router;
}
