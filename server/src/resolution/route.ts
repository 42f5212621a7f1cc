import { Router } from 'express';
import type { AppContext } from '../context.js';
import { mergeRoute, notSameRoute, splitRoute, suggestionsRoute } from '../../../contract/resolution.js';
import { mount } from '../http/mount.js';
import { requireToken } from '../http/access.js';
import { authorOf } from '../history/record.js';
import { suggestMerges } from './suggest.js';
import { markNotSame, merge, split } from './write.js';

export function resolutionRouter({ driver, config }: AppContext): Router {
  const router = Router();
  mount(router, suggestionsRoute, ({ query }) => suggestMerges(driver, query));
  // Writes follow the story-write rules: open on loopback, token-guarded when exposed.
  router.post('/resolution/*splat', requireToken(config.access));
  mount(router, mergeRoute, ({ body }, req) =>
    merge(driver, authorOf(req, config.access), body.survivor, body.merged),
  );
  mount(router, splitRoute, ({ body }, req) => split(driver, authorOf(req, config.access), body.merged));
  mount(router, notSameRoute, ({ body }, req) =>
    markNotSame(driver, authorOf(req, config.access), body.a, body.b),
  );
  return router;
}
