import { Router } from 'express';
import type { AppContext } from '../context.js';
import { entityRoute, linkRoute, neighborsRoute } from '../../../contract/entities.js';
import { mount } from '../http/mount.js';
import { readLink } from './link.js';
import { readEntity, readNeighbors } from './query.js';

export function entitiesRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, entityRoute, ({ params }) => readEntity(driver, params.id));
  mount(router, neighborsRoute, ({ params, query }) => readNeighbors(driver, params.id, query));
  mount(router, linkRoute, ({ params }) => readLink(driver, params.id, params.linkId));
  return router;
}
