import { Router } from 'express';
import type { AppContext } from '../context.js';
import { mount } from '../http/mount.js';
import { timelineRoute } from '../../../contract/timeline.js';
import { readTimeline } from './query.js';

export function timelineRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, timelineRoute, async () => ({ items: await readTimeline(driver) }));
  return router;
}
