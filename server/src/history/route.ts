import { Router } from 'express';
import type { AppContext } from '../context.js';
import { historyRoute, redoRoute, undoRoute } from '../../../contract/history.js';
import { mount } from '../http/mount.js';
import { requireToken } from '../http/access.js';
import { readHistory } from './query.js';
import { authorOf } from './record.js';
import { redoLast, undoLast } from './undo.js';

export function historyRouter({ driver, config }: AppContext): Router {
  const router = Router();
  mount(router, historyRoute, ({ query }) => readHistory(driver, query));
  // Undo and redo are writes: open on loopback, token-guarded when exposed.
  const guard = requireToken(config.access);
  router.post('/history/undo', guard);
  router.post('/history/redo', guard);
  mount(router, undoRoute, (_input, req) => undoLast(driver, authorOf(req, config.access)));
  mount(router, redoRoute, (_input, req) => redoLast(driver, authorOf(req, config.access)));
  return router;
}
