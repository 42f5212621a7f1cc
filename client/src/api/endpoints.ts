import { api, type ResponseOf } from './client.js';
import type {
  EntityKind,
  EntityResponseT,
  GraphEdgeT,
  GraphPayloadT,
  NeighborsResponseT,
  PathsResponseT,
  SearchResponseT,
  SourceResponseT,
  VocabularyResponseT,
} from './types.js';

// The explorer's reads, each one call of the contract's typed `api`.

export function searchEntities(
  q: string,
  options: { limit?: number; types?: readonly EntityKind[] } = {},
  signal?: AbortSignal,
): Promise<SearchResponseT> {
  return api('search', { query: { q, limit: options.limit ?? 8, types: options.types } }, signal);
}

export function fetchEntity(id: string, signal?: AbortSignal): Promise<EntityResponseT> {
  return api('getEntity', { params: { id } }, signal);
}

/** One link of an entity with all its claims, for a link that came as a summary. */
export function fetchLink(entityId: string, linkId: string, signal?: AbortSignal): Promise<GraphEdgeT> {
  return api('getLink', { params: { id: entityId, linkId } }, signal);
}

export function fetchNeighbors(id: string, limit: number, signal?: AbortSignal): Promise<NeighborsResponseT> {
  return api('getNeighbors', { params: { id }, query: { depth: 1, limit } }, signal);
}

export function fetchPaths(
  { asserters, ...query }: { from: string; to: string; maxHops: number; k: number; asserters?: boolean },
  signal?: AbortSignal,
): Promise<PathsResponseT> {
  return api('findPaths', { query: asserters ? { ...query, via: 'asserters' } : query }, signal);
}

export function fetchGraph(signal?: AbortSignal): Promise<GraphPayloadT> {
  return api('getGraph', {}, signal);
}

export function fetchVocabulary(signal?: AbortSignal): Promise<VocabularyResponseT> {
  return api('getVocabulary', {}, signal);
}

export function fetchSource(id: string, signal?: AbortSignal): Promise<SourceResponseT> {
  return api('getSource', { params: { id } }, signal);
}

export function fetchSources(signal?: AbortSignal): Promise<ResponseOf<'listSources'>> {
  return api('listSources', {}, signal);
}
