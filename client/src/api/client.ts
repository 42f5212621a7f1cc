import type { z } from 'zod';
import type { cypherResponse, cypherRoute } from '../../../contract/cypher.js';
import type {
  entityResponse,
  entityRoute,
  linkRoute,
  neighborsResponse,
  neighborsRoute,
} from '../../../contract/entities.js';
import type { health, healthRoute } from '../../../contract/health.js';
import type {
  addImportClaimRoute,
  createImportRoute,
  decideImportRoute,
  discardImportRoute,
  getImportRoute,
  importCreated,
  importDatasetRoute,
  importDraft,
  importSummaries,
  listImportsRoute,
  publishImportRoute,
  removeImportClaimRoute,
  uploadImportRoute,
} from '../../../contract/imports.js';
import type { pathsResponse, pathsRoute } from '../../../contract/paths.js';
import type { RouteSpec } from '../../../contract/route.js';
import type { schemaView, schemaViewRoute } from '../../../contract/schema-view.js';
import type { searchResponse, searchRoute } from '../../../contract/search.js';
import type {
  sourceResponse,
  sourceRoute,
  sourcesResponse,
  sourcesRoute,
} from '../../../contract/sources.js';
import type {
  createStoryRoute,
  deleteStoryRoute,
  getStoryRoute,
  listStoriesRoute,
  storiesResponse,
  story,
  updateStoryRoute,
} from '../../../contract/stories.js';
import type { graphRoute } from '../../../contract/subgraph.js';
import type { graphEdge, graphPayload } from '../../../contract/graph.js';
import type { timelineResponse, timelineRoute } from '../../../contract/timeline.js';
import type { vocabularyResponse, vocabularyRoute } from '../../../contract/vocabulary.js';
import type { editEntityRoute } from '../../../contract/entity-edit.js';
import type { historyResponse, historyRoute, redoRoute, undoRoute } from '../../../contract/history.js';
import type {
  mergeRoute,
  notSameRoute,
  splitRoute,
  suggestionsResponse,
  suggestionsRoute,
  writeResult,
} from '../../../contract/resolution.js';
import { ApiError, isAbort, queryString, type QueryValue } from './http.js';

// The page's one way to call the API. Every endpoint is named by its operationId; what it takes and
// what it answers are the contract's own zod types, imported as types only (nothing of zod or the
// contract reaches the bundle). Adding an endpoint to the contract means one line here.

type Endpoint<Spec extends RouteSpec, Response> = { spec: Spec; response: Response };

interface Endpoints {
  getHealth: Endpoint<typeof healthRoute, z.output<typeof health>>;
  search: Endpoint<typeof searchRoute, z.output<typeof searchResponse>>;
  getEntity: Endpoint<typeof entityRoute, z.output<typeof entityResponse>>;
  getNeighbors: Endpoint<typeof neighborsRoute, z.output<typeof neighborsResponse>>;
  getLink: Endpoint<typeof linkRoute, z.output<typeof graphEdge>>;
  findPaths: Endpoint<typeof pathsRoute, z.output<typeof pathsResponse>>;
  getGraph: Endpoint<typeof graphRoute, z.output<typeof graphPayload>>;
  getVocabulary: Endpoint<typeof vocabularyRoute, z.output<typeof vocabularyResponse>>;
  getSchemaView: Endpoint<typeof schemaViewRoute, z.output<typeof schemaView>>;
  getTimeline: Endpoint<typeof timelineRoute, z.output<typeof timelineResponse>>;
  listSources: Endpoint<typeof sourcesRoute, z.output<typeof sourcesResponse>>;
  getSource: Endpoint<typeof sourceRoute, z.output<typeof sourceResponse>>;
  runCypher: Endpoint<typeof cypherRoute, z.output<typeof cypherResponse>>;
  listStories: Endpoint<typeof listStoriesRoute, z.output<typeof storiesResponse>>;
  getStory: Endpoint<typeof getStoryRoute, z.output<typeof story>>;
  createStory: Endpoint<typeof createStoryRoute, z.output<typeof story>>;
  updateStory: Endpoint<typeof updateStoryRoute, z.output<typeof story>>;
  deleteStory: Endpoint<typeof deleteStoryRoute, { deleted: string }>;
  listMergeSuggestions: Endpoint<typeof suggestionsRoute, z.output<typeof suggestionsResponse>>;
  mergeEntities: Endpoint<typeof mergeRoute, z.output<typeof writeResult>>;
  splitEntity: Endpoint<typeof splitRoute, z.output<typeof writeResult>>;
  markNotSame: Endpoint<typeof notSameRoute, z.output<typeof writeResult>>;
  editEntity: Endpoint<typeof editEntityRoute, z.output<typeof entityResponse>>;
  getHistory: Endpoint<typeof historyRoute, z.output<typeof historyResponse>>;
  undo: Endpoint<typeof undoRoute, z.output<typeof writeResult>>;
  redo: Endpoint<typeof redoRoute, z.output<typeof writeResult>>;
  listImports: Endpoint<typeof listImportsRoute, z.output<typeof importSummaries>>;
  createImport: Endpoint<typeof createImportRoute, z.output<typeof importCreated>>;
  uploadImport: Endpoint<typeof uploadImportRoute, z.output<typeof importCreated>>;
  getImport: Endpoint<typeof getImportRoute, z.output<typeof importDraft>>;
  decideImport: Endpoint<typeof decideImportRoute, z.output<typeof importDraft>>;
  addImportClaim: Endpoint<typeof addImportClaimRoute, z.output<typeof importDraft>>;
  removeImportClaim: Endpoint<typeof removeImportClaimRoute, z.output<typeof importDraft>>;
  publishImport: Endpoint<
    typeof publishImportRoute,
    { sourceId: string; entities: number; relationships: number; mentions: number }
  >;
  discardImport: Endpoint<typeof discardImportRoute, { discarded: string }>;
  downloadImport: Endpoint<typeof importDatasetRoute, unknown>;
}

export type Operation = keyof Endpoints;
export type ResponseOf<Op extends Operation> = Endpoints[Op]['response'];

type Spec<Op extends Operation> = Endpoints[Op]['spec'];
type Shape<S> = S extends z.ZodObject<infer Fields> ? Fields : never;
type ParamsOf<S extends RouteSpec> = [Shape<S['params']>] extends [never]
  ? { params?: undefined }
  : { params: { [K in keyof Shape<S['params']>]: string } };
type QueryOf<S extends RouteSpec> = [Shape<S['query']>] extends [never]
  ? { query?: undefined }
  : { query?: { [K in keyof Shape<S['query']>]?: QueryValue } };
type BodyOf<S extends RouteSpec> = [NonNullable<S['body']>] extends [never]
  ? { body?: undefined }
  : { body: z.input<NonNullable<S['body']>> };

/** A file sent as the raw body (an upload), with its own type; JSON bodies go in `body`. */
type FileOf = { file?: Blob };

export type RequestOf<Op extends Operation> = ParamsOf<Spec<Op>> &
  QueryOf<Spec<Op>> &
  BodyOf<Spec<Op>> &
  FileOf;

/** Method and path of every operation, as the contract declares them (a unit test holds them equal). */
export const routes: Record<Operation, { method: RouteSpec['method']; path: string }> = {
  getHealth: { method: 'get', path: '/health' },
  search: { method: 'get', path: '/search' },
  getEntity: { method: 'get', path: '/entities/:id' },
  getNeighbors: { method: 'get', path: '/entities/:id/neighbors' },
  getLink: { method: 'get', path: '/entities/:id/links/:linkId' },
  findPaths: { method: 'get', path: '/paths' },
  getGraph: { method: 'get', path: '/graph' },
  getVocabulary: { method: 'get', path: '/vocabulary' },
  getSchemaView: { method: 'get', path: '/schema' },
  getTimeline: { method: 'get', path: '/timeline' },
  listSources: { method: 'get', path: '/sources' },
  getSource: { method: 'get', path: '/sources/:id' },
  runCypher: { method: 'post', path: '/cypher' },
  listStories: { method: 'get', path: '/stories' },
  getStory: { method: 'get', path: '/stories/:id' },
  createStory: { method: 'post', path: '/stories' },
  updateStory: { method: 'put', path: '/stories/:id' },
  deleteStory: { method: 'delete', path: '/stories/:id' },
  listMergeSuggestions: { method: 'get', path: '/resolution/suggestions' },
  mergeEntities: { method: 'post', path: '/resolution/merge' },
  splitEntity: { method: 'post', path: '/resolution/split' },
  markNotSame: { method: 'post', path: '/resolution/not-same' },
  editEntity: { method: 'patch', path: '/entities/:id' },
  getHistory: { method: 'get', path: '/history' },
  undo: { method: 'post', path: '/history/undo' },
  redo: { method: 'post', path: '/history/redo' },
  listImports: { method: 'get', path: '/imports' },
  createImport: { method: 'post', path: '/imports' },
  uploadImport: { method: 'post', path: '/imports/upload' },
  getImport: { method: 'get', path: '/imports/:id' },
  decideImport: { method: 'post', path: '/imports/:id/decisions' },
  addImportClaim: { method: 'post', path: '/imports/:id/claims' },
  removeImportClaim: { method: 'delete', path: '/imports/:id/claims/:claimId' },
  publishImport: { method: 'post', path: '/imports/:id/publish' },
  discardImport: { method: 'delete', path: '/imports/:id' },
  downloadImport: { method: 'get', path: '/imports/:id/dataset' },
};

/** `/entities/:id` with its parameters filled in, each encoded. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_match, key: string) => encodeURIComponent(params[key] ?? ''));
}

function errorOf(body: unknown): { code: string; message: string; position?: ApiError['position'] } | null {
  if (!body || typeof body !== 'object' || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (!error || typeof error !== 'object') return null;
  const { code, message, position } = error as Record<string, unknown>;
  if (typeof message !== 'string') return null;
  const at = position as ApiError['position'] | undefined;
  return {
    code: typeof code === 'string' ? code : 'HTTP',
    message,
    position:
      at && typeof at.line === 'number' && typeof at.column === 'number' && typeof at.offset === 'number'
        ? at
        : undefined,
  };
}

/** How many times a read answered 503 with Retry-After is asked again before its error shows. */
const READ_RETRIES = 3;

/** A 503's Retry-After (seconds, as the server sends it), in milliseconds; null for anything else. */
function retryAfterMs(response: Response): number | null {
  if (response.status !== 503) return null;
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) * 1000 : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/**
 * Calls one endpoint of the contract. Failures become ApiErrors carrying the server's own message
 * (which names the field or the problem); aborting `signal` rejects with the AbortError as it is.
 */
export async function api<Op extends Operation>(
  operation: Op,
  request: RequestOf<Op>,
  signal?: AbortSignal,
): Promise<ResponseOf<Op>> {
  const { method, path } = routes[operation];
  const input = request as {
    params?: Record<string, string>;
    query?: Record<string, QueryValue>;
    body?: unknown;
    file?: Blob;
  };
  const url = `/api${fillPath(path, input.params)}${queryString(input.query)}`;
  let response: Response;
  try {
    for (let attempt = 0; ; attempt += 1) {
      response = await fetch(url, {
        method: method.toUpperCase(),
        headers: {
          accept: 'application/json',
          ...(input.file
            ? { 'content-type': input.file.type || 'application/octet-stream' }
            : input.body === undefined
              ? {}
              : { 'content-type': 'application/json' }),
        },
        body: input.file ?? (input.body === undefined ? undefined : JSON.stringify(input.body)),
        signal,
      });
      // A read the server shed (busy, or the database a moment away) is asked again when it says:
      // otherwise one shed request on a busy start left the page saying the database was down.
      const wait = retryAfterMs(response);
      if (method !== 'get' || wait === null || attempt >= READ_RETRIES) break;
      await sleep(wait, signal);
    }
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(
      0,
      'NETWORK',
      method === 'get'
        ? 'The Trove server does not answer. Check that it is running, then try again.'
        : 'The Trove server does not answer. Nothing was changed; check that it is running.',
    );
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
  }
  if (!response.ok) {
    const error = errorOf(body);
    if (error) throw new ApiError(response.status, error.code, error.message, error.position);
    throw new ApiError(
      response.status,
      response.status === 503 ? 'DATABASE_UNAVAILABLE' : 'HTTP',
      response.status === 503
        ? 'The database is unavailable. Try again shortly.'
        : `The server answered with status ${response.status}.`,
    );
  }
  if (body === null)
    throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent an unreadable answer.');
  return body as ResponseOf<Op>;
}
