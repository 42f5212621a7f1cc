import type { ErrorBodyT } from './types.js';

/** An API failure in the words the user should read; `code` follows the API's error codes. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get databaseDown(): boolean {
    return this.code === 'DATABASE_UNAVAILABLE' || this.status === 503;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Any thrown value as an ApiError, so every panel can show `.message` without guessing. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export function queryString(params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function isErrorBody(body: unknown): body is ErrorBodyT {
  if (!body || typeof body !== 'object' || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return !!error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string';
}

/** GET a JSON endpoint under /api; failures become ApiErrors carrying the server's own message. */
export async function getJson<T>(
  path: string,
  params?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(params)}`, {
      headers: { accept: 'application/json' },
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(
      0,
      'NETWORK',
      'The Trove server does not answer. Check that it is running, then try again.',
    );
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message);
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
  return body as T;
}
