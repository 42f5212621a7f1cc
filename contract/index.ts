// The API contract: every endpoint's spec, in the order the OpenAPI document lists them.
import { cypherRoute } from './cypher.js';
import { entityRoute, linkRoute, neighborsRoute } from './entities.js';
import { editEntityRoute } from './entity-edit.js';
import { exportRoute } from './export.js';
import { healthRoute } from './health.js';
import { historyRoute, redoRoute, undoRoute } from './history.js';
import {
  addImportClaimRoute,
  createImportRoute,
  decideImportRoute,
  discardImportRoute,
  getImportRoute,
  importDatasetRoute,
  listImportsRoute,
  publishImportRoute,
  removeImportClaimRoute,
  uploadImportRoute,
} from './imports.js';
import { pathsRoute } from './paths.js';
import { mergeRoute, notSameRoute, splitRoute, suggestionsRoute } from './resolution.js';
import type { RouteSpec } from './route.js';
import { schemaViewRoute } from './schema-view.js';
import { searchRoute } from './search.js';
import { sourceRoute, sourcesRoute } from './sources.js';
import {
  createStoryRoute,
  deleteStoryRoute,
  getStoryRoute,
  listStoriesRoute,
  updateStoryRoute,
} from './stories.js';
import { graphRoute } from './subgraph.js';
import { timelineRoute } from './timeline.js';
import { vocabularyRoute } from './vocabulary.js';

export * from './common.js';
export * from './cypher.js';
export * from './entities.js';
export * from './entity-edit.js';
export * from './export.js';
export * from './graph.js';
export * from './health.js';
export * from './history.js';
export * from './imports.js';
export * from './paths.js';
export * from './resolution.js';
export * from './schema-view.js';
export * from './search.js';
export * from './sources.js';
export * from './stories.js';
export * from './subgraph.js';
export * from './timeline.js';
export * from './vocabulary.js';

export const allRoutes: RouteSpec[] = [
  healthRoute,
  searchRoute,
  entityRoute,
  neighborsRoute,
  linkRoute,
  pathsRoute,
  graphRoute,
  vocabularyRoute,
  schemaViewRoute,
  timelineRoute,
  sourcesRoute,
  sourceRoute,
  cypherRoute,
  exportRoute,
  listStoriesRoute,
  getStoryRoute,
  createStoryRoute,
  updateStoryRoute,
  deleteStoryRoute,
  suggestionsRoute,
  mergeRoute,
  splitRoute,
  notSameRoute,
  editEntityRoute,
  historyRoute,
  undoRoute,
  redoRoute,
  listImportsRoute,
  createImportRoute,
  uploadImportRoute,
  getImportRoute,
  decideImportRoute,
  addImportClaimRoute,
  removeImportClaimRoute,
  publishImportRoute,
  discardImportRoute,
  importDatasetRoute,
] as RouteSpec[];
