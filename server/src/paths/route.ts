import { Router } from 'express';
import type { AppContext } from '../context.js';
import { pathsRoute } from '../../../contract/paths.js';
import { mount } from '../http/mount.js';
import { findPaths } from './query.js';

export function pathsRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, pathsRoute, ({ query }) => findPaths(driver, query));
  return router;
}
