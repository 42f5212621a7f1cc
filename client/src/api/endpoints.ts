import { getJson } from './http.js';
import type {
  EntityKind,
  EntityResponseT,
  GraphPayloadT,
  NeighborsResponseT,
  PathsResponseT,
  SearchResponseT,
  SourceResponseT,
  VocabularyResponseT,
} from './types.js';

export function searchEntities(
  q: string,
  options: { limit?: number; types?: readonly EntityKind[] } = {},
  signal?: AbortSignal,
): Promise<SearchResponseT> {
  return getJson('/search', { q, limit: options.limit ?? 8, types: options.types }, signal);
}

export function fetchEntity(id: string, signal?: AbortSignal): Promise<EntityResponseT> {
  return getJson(`/entities/${encodeURIComponent(id)}`, undefined, signal);
}

export function fetchNeighbors(id: string, limit: number, signal?: AbortSignal): Promise<NeighborsResponseT> {
  return getJson(`/entities/${encodeURIComponent(id)}/neighbors`, { depth: 1, limit }, signal);
}

export function fetchPaths(
  query: { from: string; to: string; maxHops: number; k: number },
  signal?: AbortSignal,
): Promise<PathsResponseT> {
  return getJson('/paths', query, signal);
}

export function fetchGraph(signal?: AbortSignal): Promise<GraphPayloadT> {
  return getJson('/graph', undefined, signal);
}

export function fetchVocabulary(signal?: AbortSignal): Promise<VocabularyResponseT> {
  return getJson('/vocabulary', undefined, signal);
}

export function fetchSource(id: string, signal?: AbortSignal): Promise<SourceResponseT> {
  return getJson(`/sources/${encodeURIComponent(id)}`, undefined, signal);
}

export function fetchSources(
  signal?: AbortSignal,
): Promise<{ sources: { id: string; title: string; publisher: string | null }[] }> {
  return getJson('/sources', undefined, signal);
}
