import { Router } from 'express';
import type { AppContext } from '../context.js';
import { mount } from '../http/mount.js';
import { graphRoute } from '../../../contract/subgraph.js';
import { vocabularyRoute } from '../../../contract/vocabulary.js';
import { readGraph } from './query.js';
import { readVocabulary } from './vocabulary.js';

export function graphRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, graphRoute, ({ query }) => readGraph(driver, query));
  mount(router, vocabularyRoute, () => readVocabulary(driver));
  return router;
}
