import { Router } from 'express';
import type { AppContext } from '../context.js';
import { mount } from '../http/mount.js';
import { schemaViewRoute } from '../../../contract/schema-view.js';
import { readSchemaView } from './query.js';

export function schemaViewRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, schemaViewRoute, () => readSchemaView(driver));
  return router;
}
