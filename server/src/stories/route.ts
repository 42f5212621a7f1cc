import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import {
  createStoryRoute,
  deleteStoryRoute,
  getStoryRoute,
  listStoriesRoute,
  updateStoryRoute,
} from '../../../contract/stories.js';
import { mount } from '../http/mount.js';
import { requireToken } from '../http/access.js';
import { authorOf } from '../history/record.js';
import { createStory, deleteStory, getStory, listStories, updateStory } from './query.js';

export function storiesRouter({ driver, config }: AppContext): Router {
  const router = Router();
  mount(router, listStoriesRoute, () => listStories(driver));
  mount(router, getStoryRoute, ({ params }) => getStory(driver, params.id));

  // Writes pass the token check first (open on loopback, token-guarded when exposed).
  const guard = requireToken(config.access);
  router.post('/stories', guard);
  router.put('/stories/:id', guard);
  router.delete('/stories/:id', guard);
  const author = (req: Request) => ({ author: authorOf(req, config.access) });
  mount(router, createStoryRoute, ({ body }, req) => createStory(driver, body, author(req)));
  mount(router, updateStoryRoute, ({ params, body }, req) =>
    updateStory(driver, params.id, body, author(req)),
  );
  mount(router, deleteStoryRoute, ({ params }, req) => deleteStory(driver, params.id, author(req)));
  return router;
}
