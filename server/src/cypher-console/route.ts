import { Router } from 'express';
import type { AppContext } from '../context.js';
import { cypherRoute } from '../contract/cypher.js';
import { mount } from '../contract/route.js';
import { runConsoleQuery } from './query.js';

export function cypherConsoleRouter({ driver, config }: AppContext): Router {
  const router = Router();
  mount(router, cypherRoute, ({ body }) => runConsoleQuery(driver, body.query, body.params, config.query));
  return router;
}
