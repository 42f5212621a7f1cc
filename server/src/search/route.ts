import { Router } from 'express';
import type { AppContext } from '../context.js';
import { mount } from '../http/mount.js';
import { searchRoute } from '../../../contract/search.js';
import { searchEntities } from './query.js';

export function searchRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, searchRoute, async ({ query }) => ({ results: await searchEntities(driver, query) }));
  return router;
}
