/** An API failure in the words the user should read; `code` follows the API's error codes. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Where in a console query Neo4j found the problem, when it says. */
    readonly position?: { line: number; column: number; offset: number },
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The database does not answer; not a 503 for a busy server or a deadlock, which pass by themselves. */
  get databaseDown(): boolean {
    return this.code === 'DATABASE_UNAVAILABLE';
  }

  /** Refused for now (shed under load, or a write deadlock outlasting its retries): try again shortly. */
  get busy(): boolean {
    return this.code === 'OVERLOADED' || this.code === 'DATABASE_BUSY';
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
