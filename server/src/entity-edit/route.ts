import { Router } from 'express';
import type { AppContext } from '../context.js';
import { editEntityRoute } from '../../../contract/entity-edit.js';
import { mount } from '../http/mount.js';
import { requireToken } from '../http/access.js';
import { authorOf } from '../history/record.js';
import { editEntity } from './edit.js';

export function entityEditRouter({ driver, config }: AppContext): Router {
  const router = Router();
  // An edit is a write: open on loopback, token-guarded when exposed.
  router.patch('/entities/:id', requireToken(config.access));
  mount(router, editEntityRoute, ({ params, body }, req) =>
    editEntity(driver, authorOf(req, config.access), params.id, body),
  );
  return router;
}
