import { create } from 'zustand';
import {
  fetchEntity,
  fetchGraph,
  fetchLink,
  fetchNeighbors,
  fetchPaths,
  fetchSource,
  fetchVocabulary,
} from '../api/endpoints.js';
import { toApiError, type ApiError } from '../api/http.js';
import type {
  EntityResponseT,
  GraphEdgeT,
  GraphNodeT,
  GraphPayloadT,
  PathsResponseT,
  SourceResponseT,
  VocabularyResponseT,
} from '../api/types.js';

/** A fetched thing: while loading it may still hold the previous answer (shown until the new one). */
export type Loadable<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError; data?: T };

export interface Neighborhood {
  limit: number;
  nodeIds: string[];
  edgeIds: string[];
  total: number;
}

export interface IdGraph {
  nodeIds: string[];
  edgeIds: string[];
}

export interface DataState {
  /** Every node and edge seen so far, by id: the one place their data lives on the page. */
  nodes: Record<string, GraphNodeT>;
  edges: Record<string, GraphEdgeT>;
  overview?: Loadable<IdGraph>;
  neighborhoods: Record<string, Loadable<Neighborhood>>;
  entities: Record<string, Loadable<EntityResponseT>>;
  /** Claims of links that came as summaries, by link id; the link itself goes to `edges`. */
  links?: Record<string, Loadable<GraphEdgeT>>;
  paths: Record<string, Loadable<PathsResponseT>>;
  sources: Record<string, Loadable<SourceResponseT>>;
  vocabulary?: Loadable<VocabularyResponseT>;
}

export const useData = create<DataState>()(() => ({
  nodes: {},
  edges: {},
  neighborhoods: {},
  entities: {},
  links: {},
  paths: {},
  sources: {},
}));

const set = useData.setState;
const get = useData.getState;

function absorb(payload: GraphPayloadT): IdGraph {
  const nodes = { ...get().nodes };
  const edges = { ...get().edges };
  for (const node of payload.nodes) nodes[node.id] = node;
  for (const edge of payload.edges) {
    // A link summary (neighbourhoods send links without their quotes) never replaces a link whose
    // quotes are already here.
    const known = edges[edge.id];
    if (known && edge.evidence.length === 0 && known.evidence.length > 0) continue;
    edges[edge.id] = edge;
  }
  set({ nodes, edges });
  return { nodeIds: payload.nodes.map((n) => n.id), edgeIds: payload.edges.map((e) => e.id) };
}

async function load<T>(
  current: Loadable<T> | undefined,
  write: (value: Loadable<T>) => void,
  run: () => Promise<T>,
): Promise<void> {
  write({ status: 'loading', data: current?.data });
  try {
    write({ status: 'ready', data: await run() });
  } catch (error) {
    write({ status: 'error', error: toApiError(error), data: current?.data });
  }
}

/*
 * The ensure* functions are idempotent: they start a request only when nothing is cached, loading
 * or failed for that key, so effects may call them on every render. Failed keys stay failed until
 * retryFailed() (a Retry button, or the database coming back) clears them.
 */

export function ensureOverview(): void {
  if (get().overview) return;
  void load(
    undefined,
    (overview) => set({ overview }),
    async () => absorb(await fetchGraph()),
  );
}

export function ensureNeighborhood(id: string, limit: number): void {
  const current = get().neighborhoods[id];
  if (current?.status === 'loading' || current?.status === 'error') return;
  if (
    current?.status === 'ready' &&
    (current.data.limit >= limit || current.data.total <= current.data.nodeIds.length - 1)
  )
    return;
  void load(
    current,
    (value) => set({ neighborhoods: { ...get().neighborhoods, [id]: value } }),
    async () => {
      const payload = await fetchNeighbors(id, limit);
      const { nodeIds, edgeIds } = absorb(payload);
      return { limit, nodeIds, edgeIds, total: payload.total };
    },
  );
}

export function ensureEntity(id: string): void {
  if (get().entities[id]) return;
  void load(
    undefined,
    (value) => set({ entities: { ...get().entities, [id]: value } }),
    async () => {
      const response = await fetchEntity(id);
      absorb({ nodes: [response.entity, ...response.neighbors], edges: response.relationships });
      return response;
    },
  );
}

/**
 * The claims of a link that came as a summary (from a neighbourhood, or past the quoted links of an
 * entity), asked of either end; the full link then replaces the summary in `edges`.
 */
export function ensureLink(entityId: string, linkId: string): void {
  if (get().links?.[linkId]) return;
  void load(
    undefined,
    (value) => set({ links: { ...get().links, [linkId]: value } }),
    async () => {
      const link = await fetchLink(entityId, linkId);
      absorb({ nodes: [], edges: [link] });
      return link;
    },
  );
}

/** A link that came without its claims although it has some: the page asks for them when it is opened. */
export function isSummary(edge: GraphEdgeT): boolean {
  return edge.evidence.length === 0 && edge.sourceCount > 0;
}

export function pathKey(query: {
  from: string;
  to: string;
  maxHops: number;
  k: number;
  asserters?: boolean;
}): string {
  return `${query.from}|${query.to}|${query.maxHops}|${query.k}${query.asserters ? '|asserters' : ''}`;
}

export function ensurePaths(query: {
  from: string;
  to: string;
  maxHops: number;
  k: number;
  asserters?: boolean;
}): void {
  const key = pathKey(query);
  if (get().paths[key]) return;
  void load(
    undefined,
    (value) => set({ paths: { ...get().paths, [key]: value } }),
    async () => {
      const response = await fetchPaths(query);
      absorb(response);
      return response;
    },
  );
}

export function ensureSource(id: string): void {
  if (get().sources[id]) return;
  void load(
    undefined,
    (value) => set({ sources: { ...get().sources, [id]: value } }),
    () => fetchSource(id),
  );
}

export function ensureVocabulary(): void {
  if (get().vocabulary) return;
  void load(
    undefined,
    (vocabulary) => set({ vocabulary }),
    () => fetchVocabulary(),
  );
}

function keepUnfailed<T>(record: Record<string, Loadable<T>>): Record<string, Loadable<T>> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value.status !== 'error'));
}

/** Forgets every failed request so that the next render asks again. */
export function retryFailed(): void {
  const state = get();
  const neighborhoods: Record<string, Loadable<Neighborhood>> = {};
  for (const [id, value] of Object.entries(state.neighborhoods)) {
    // A failed "show more" keeps what was already shown; a failed first expansion is asked again.
    if (value.status !== 'error') neighborhoods[id] = value;
    else if (value.data) neighborhoods[id] = { status: 'ready', data: value.data };
  }
  set({
    overview: state.overview?.status === 'error' ? undefined : state.overview,
    vocabulary: state.vocabulary?.status === 'error' ? undefined : state.vocabulary,
    neighborhoods,
    entities: keepUnfailed(state.entities),
    links: keepUnfailed(state.links ?? {}),
    paths: keepUnfailed(state.paths),
    sources: keepUnfailed(state.sources),
  });
}
