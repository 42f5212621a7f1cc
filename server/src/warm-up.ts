// The page's first requests, run once before the server says it is ready. Neo4j plans each query on
// its first use, and on a JVM that just started that is seconds for the whole-graph and vocabulary
// queries (the vocabulary counts every relationship type in one union): the first visitor waited
// for it, and on a busy machine got 503 from the load shedder's deadline (measured: /api/graph and
// /api/vocabulary 503 after 6 s, the graph drawn after 9.3 s).
import type { Driver } from 'neo4j-driver';
import { graphFilters } from '../../contract/subgraph.js';
import { searchQuery } from '../../contract/search.js';
import { readGraph } from './graph/query.js';
import { readVocabulary } from './graph/vocabulary.js';
import { searchEntities } from './search/query.js';
import { listSources } from './sources/query.js';
import { listStories } from './stories/query.js';
import { readTimeline } from './timeline/query.js';

/** Runs the first page's queries and a search; failures are left to the real requests to report. */
export async function warmUp(driver: Driver): Promise<number> {
  const started = performance.now();
  // One after another: in parallel they would only compete for the same two cores.
  const steps: (() => Promise<unknown>)[] = [
    () => readGraph(driver, graphFilters.parse({})),
    () => readVocabulary(driver),
    () => readTimeline(driver),
    () => listSources(driver),
    () => listStories(driver),
    () => searchEntities(driver, searchQuery.parse({ q: 'xi' })),
  ];
  for (const step of steps) await step().catch(() => undefined);
  return Math.round(performance.now() - started);
}
