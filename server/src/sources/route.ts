import { Router } from 'express';
import type { AppContext } from '../context.js';
import { mount } from '../http/mount.js';
import { sourceRoute, sourcesRoute } from '../../../contract/sources.js';
import { listSources, readSource } from './query.js';

export function sourcesRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, sourcesRoute, async () => ({ sources: await listSources(driver) }));
  mount(router, sourceRoute, ({ params }) => readSource(driver, params.id));
  return router;
}
