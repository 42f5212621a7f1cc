import type { ErrorRequestHandler, RequestHandler } from 'express';
import { Neo4jError } from 'neo4j-driver';
import { LoadInProgressError } from '../../../seed/src/write-lock.js';
import { DomainError, type DomainErrorKind } from '../errors.js';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'CYPHER_ERROR'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE'
  | 'QUERY_REFUSED'
  | 'QUERY_TIMEOUT'
  | 'RESULT_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'MISDIRECTED_REQUEST'
  | 'OVERLOADED'
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_BUSY'
  | 'INTERNAL';

/** An error meant for the client: its message is safe to show and its status is chosen. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string } & Record<string, unknown>;
}

const unavailableCodes = new Set(['ServiceUnavailable', 'SessionExpired']);
const timeoutCodes = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

const TRANSIENT_PREFIX = 'Neo.TransientError.';

/**
 * A transient database error that outlasted the retries (a deadlock's victim chosen again and again
 * on a busy machine, a lock wait given up): the database's passing state, not a fault of the server
 * or the request, so 503 with Retry-After, never 500. The code names it; the driver's message, which
 * can carry internals, stays in the log.
 */
function transientError(code: string): AppError {
  const what =
    code === `${TRANSIENT_PREFIX}Transaction.DeadlockDetected`
      ? 'it needed the same data as another write at the same moment (a deadlock)'
      : `the database reported a passing condition (${code})`;
  return new AppError(
    503,
    'DATABASE_BUSY',
    `The request was stopped because ${what}; nothing of it was written. Try again in a second.`,
    { retryAfterSeconds: 1 },
  );
}

/**
 * Turns anything thrown into an AppError. Driver errors are classified by code only; their messages
 * can carry addresses or internals, so they never reach the client verbatim except where written
 * for it (Cypher syntax errors, which the console must show).
 */
const domainStatus: Record<DomainErrorKind, [number, ErrorCode]> = {
  'not-found': [404, 'NOT_FOUND'],
  invalid: [400, 'BAD_REQUEST'],
  conflict: [409, 'CONFLICT'],
  forbidden: [403, 'FORBIDDEN'],
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof LoadInProgressError) {
    return new AppError(503, 'DATABASE_BUSY', error.message, { retryAfterSeconds: 10 });
  }
  if (error instanceof DomainError) {
    const [status, code] = domainStatus[error.kind];
    return new AppError(status, code, error.message, error.field ? { field: error.field } : undefined);
  }
  if (error instanceof Neo4jError || (error instanceof Error && 'code' in error)) {
    const code = String((error as { code: unknown }).code);
    // A lock acquisition that timed out is the database's own error, not the pool's connection one.
    const transient =
      code.startsWith(TRANSIENT_PREFIX) && code !== `${TRANSIENT_PREFIX}General.DatabaseUnavailable`;
    if (
      unavailableCodes.has(code) ||
      code === `${TRANSIENT_PREFIX}General.DatabaseUnavailable` ||
      (!transient && /connect|ECONNREFUSED|acquisition/i.test(error.message))
    ) {
      return new AppError(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable. Try again shortly.');
    }
    if (timeoutCodes.has(code)) {
      return new AppError(504, 'QUERY_TIMEOUT', 'The query took too long and was stopped.');
    }
    if (transient) return transientError(code);
  }
  // The router marks a path segment it cannot percent-decode (`/entities/%E0%A4%A`) with status 400.
  if (error instanceof URIError && (error as { status?: unknown }).status === 400) {
    return new AppError(400, 'BAD_REQUEST', 'path: is not validly percent-encoded', { field: 'path' });
  }
  // http-errors from Express's own middleware (send, static files) that are the client's doing.
  const status = httpErrorStatus(error);
  if (status !== undefined && !isBodyParserError(error)) {
    if (status === 404) return new AppError(404, 'NOT_FOUND', 'Not found.');
    if (status === 403) return new AppError(403, 'FORBIDDEN', 'Forbidden.');
    if (status === 413) return new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    return new AppError(400, 'BAD_REQUEST', 'The request is malformed.');
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') {
      return new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    }
    return new AppError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  return new AppError(500, 'INTERNAL', 'Something went wrong on the server.');
}

/** The 4xx status of an error that http-errors made for the client (`expose`), if it is one. */
function httpErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : undefined;
}

function isBodyParserError(error: unknown): error is Error & { type: string; status: number } {
  return (
    error instanceof Error && typeof (error as { type?: unknown }).type === 'string' && 'status' in error
  );
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...error.details } };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'NOT_FOUND', `No API endpoint ${req.method} ${req.path}.`));
};

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const appError = toAppError(error);
  if (appError.status >= 500) req.log?.error({ err: error }, appError.message);
  if (res.headersSent) {
    res.end();
    return;
  }
  const retryAfter = appError.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  res.status(appError.status).json(errorBody(appError));
};
