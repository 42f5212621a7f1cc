import { Router } from 'express';
import type { AppContext } from '../context.js';
import { entityRoute, neighborsRoute } from '../../../contract/entities.js';
import { mount } from '../http/mount.js';
import { readEntity, readNeighbors } from './query.js';

export function entitiesRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, entityRoute, ({ params }) => readEntity(driver, params.id));
  mount(router, neighborsRoute, ({ params, query }) => readNeighbors(driver, params.id, query));
  return router;
}
