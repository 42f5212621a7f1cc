import { randomUUID } from 'node:crypto';
import neo4j, { Neo4jError, type Driver, type Notification, type Transaction } from 'neo4j-driver';
import type { CypherNotificationT, CypherResponseT } from '../../../contract/cypher.js';
import { toPlain } from '../db/mapping.js';
import { AppError, toAppError } from '../http/errors.js';
import { RecentlyExplained } from './explained.js';
import { graphInValues } from './graph.js';
import { checkPlan, checkText, procedureRefusal, type Refusal } from './guard.js';
import { toCypherParams } from './params.js';
import { approximateJsonSize } from './size.js';

export interface ConsoleLimits {
  timeoutMs: number;
  rowCap: number;
  /** Approximate JSON bytes of all rows; unset where a caller streams no user-sized values. */
  resultMaxBytes?: number;
}

/**
 * The EXPLAIN goes on a line of its own, so Neo4j's error positions are the user's own shifted by
 * exactly one line (and this prefix's length in offsets), whatever the first line holds.
 */
const explainPrefix = 'EXPLAIN\n';

function resultTooLarge(maxBytes: number): AppError {
  return new AppError(
    422,
    'RESULT_TOO_LARGE',
    `The first row alone is larger than the console sends (about ${Math.round(maxBytes / 1e6)} MB): return part of it (a slice such as list[0..100], size(list), or an aggregate).`,
    { maxBytes },
  );
}

function refused(refusal: Refusal): AppError {
  return new AppError(403, 'QUERY_REFUSED', refusal.reason);
}

/** What the console does inside its transaction: run statements, nothing else. */
export type ReadWork<T> = (tx: Pick<Transaction, 'run'>) => Promise<T>;

/**
 * Every transaction the console opens: a READ session, so the server refuses any write whatever the
 * checks missed, and a server-side timeout that stops the query inside Neo4j, not only the wait for it.
 * An explicit transaction rather than executeRead, because executeRead retries transient failures, and
 * a query that ran out of memory once should not be run again on the user's behalf.
 */
export async function inReadTransaction<T>(
  driver: Driver,
  limits: ConsoleLimits,
  work: ReadWork<T>,
  signal?: AbortSignal,
): Promise<T> {
  signal?.throwIfAborted();
  const session = driver.session({
    defaultAccessMode: neo4j.session.READ,
    // One more row than the cap tells whether the result was cut; fetching more would be wasted.
    fetchSize: Math.min(limits.rowCap + 1, 1000),
  });
  try {
    const marker = randomUUID();
    const tx = session.beginTransaction({ timeout: limits.timeoutMs, metadata: { troveConsole: marker } });
    let settled = false;
    const onAbort = () => void terminateWhileRunning(driver, marker, () => settled);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await work(tx);
    } finally {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // Nothing to keep from a read; a transaction that already failed is closed by then.
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
    }
  } finally {
    await session.close();
  }
}

/**
 * Stops a console transaction whose client has gone: Neo4j terminates it by the marker in its
 * metadata, and the running query fails at once instead of running on until the timeout. The marker
 * is looked for until the work ends, because the client may leave before the transaction has reached
 * the server. Closing the session instead would leave the transaction open on the server.
 */
async function terminateWhileRunning(driver: Driver, marker: string, done: () => boolean): Promise<void> {
  while (!done()) {
    try {
      const { records } = await driver.executeQuery(
        'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.troveConsole = $marker RETURN transactionId',
        { marker },
      );
      const ids = records.map((record) => String(record.get('transactionId')));
      if (ids.length > 0) await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids });
    } catch {
      // Already gone, or the database is unreachable: the transaction timeout still applies.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * EXPLAIN compiles without running anything, so a failure there is about the query even when Neo4j
 * files it as a database error: its lexer reports an unterminated comment at the very end (`/*`) as
 * Neo.DatabaseError.General.UnknownError.
 */
async function explain(tx: Pick<Transaction, 'run'>, query: string, params: Record<string, unknown>) {
  try {
    return (await tx.run(explainPrefix + query, params)).summary;
  } catch (error) {
    if (error instanceof Neo4jError && error.code.startsWith('Neo.DatabaseError.')) {
      const lexical = /^Lexical error\b[^\n]*/
        .exec(error.message)?.[0]
        .replace(/at line (\d+)/, (_match, line: string) => `at line ${Number(line) - 1}`);
      throw new AppError(
        400,
        'CYPHER_ERROR',
        lexical ? `Neo4j could not read the query: ${lexical}` : 'Neo4j could not compile the query.',
        { neo4jCode: error.code },
      );
    }
    throw error;
  }
}

/** Neo4j's notification with its position moved back into the user's text (past the EXPLAIN line). */
function toNotification(notification: Notification): CypherNotificationT {
  const at = notification.position;
  const position =
    'line' in at && typeof at.line === 'number' && at.line >= 2
      ? { line: at.line - 1, column: at.column ?? 0, offset: (at.offset ?? 0) - explainPrefix.length }
      : undefined;
  return {
    code: notification.code,
    severity: notification.rawSeverityLevel,
    title: notification.title,
    description: notification.description,
    ...(position ? { position } : {}),
  };
}

/** Per process (each console thread has its own): see RecentlyExplained. */
const recentlyExplained = new RecentlyExplained();

/**
 * Runs a console query: text check, EXPLAIN check (skipped for a query just explained and found
 * fit, RecentlyExplained), then the query itself, streamed up to the cap.
 */
export async function runConsoleQuery(
  driver: Driver,
  query: string,
  params: Record<string, unknown>,
  limits: ConsoleLimits,
  signal?: AbortSignal,
): Promise<CypherResponseT> {
  const textRefusal = checkText(query);
  if (textRefusal) throw refused(textRefusal);
  const cypherParams = toCypherParams(params);
  try {
    return await inReadTransaction(
      driver,
      limits,
      async (tx) => {
        let queryType = recentlyExplained.get(query, cypherParams);
        let notifications: CypherNotificationT[] = [];
        if (queryType === null) {
          const explained = await explain(tx, query, cypherParams);
          const planRefusal = checkPlan(explained.queryType, explained.plan);
          if (planRefusal) throw refused(planRefusal);
          queryType = explained.queryType;
          notifications = explained.notifications.map(toNotification);
          if (notifications.length === 0) recentlyExplained.remember(query, cypherParams, queryType);
        }

        const started = performance.now();
        const result = tx.run(query, cypherParams);
        const columns = (await result.keys()).map(String);
        const values: unknown[][] = [];
        let truncated = false;
        let bytes = 0;
        const maxBytes = limits.resultMaxBytes ?? Number.MAX_SAFE_INTEGER;
        // Breaking out of the iteration discards the rest on the server instead of pulling it.
        for await (const record of result) {
          if (values.length === limits.rowCap) {
            truncated = true;
            break;
          }
          const row = columns.map((column) => record.get(column) as unknown);
          bytes += approximateJsonSize(row, maxBytes - bytes);
          if (bytes > maxBytes) {
            // Rows up to the limit are sent, as with the row cap; a first row alone over it is refused
            // (mapping and sending it would hold the server for seconds).
            if (values.length === 0) throw resultTooLarge(maxBytes);
            truncated = true;
            break;
          }
          values.push(row);
        }
        const ms = Math.round(performance.now() - started);
        const graph = await graphInValues(tx, values);
        return {
          columns,
          rows: values.map((row) => row.map(toPlain)),
          graph,
          summary: { queryType, ms, truncated, rowCount: values.length },
          notifications,
        };
      },
      signal,
    );
  } catch (error) {
    // Whatever the closed session made the driver throw, the cause is the client leaving; 499 (nginx's
    // "client closed request") keeps it out of the server-error log, and nobody receives it.
    if (signal?.aborted) throw new AppError(499, 'BAD_REQUEST', 'The client cancelled the query.');
    throw toConsoleError(error);
  }
}

/** Neo4j codes whose messages are about the user's query and are written for whoever wrote it. */
const queryErrorPrefixes = [
  'Neo.ClientError.Statement.',
  'Neo.ClientError.Procedure.ProcedureCallFailed',
  'Neo.ClientError.Schema.',
];

const positionInMessage = /\s*\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;

/** The message without Neo4j's echo of the query (which would show the EXPLAIN we added). */
function userMessage(message: string): string {
  const lines = message.split('\n');
  const echo = lines.findIndex((line) => line.startsWith('"'));
  return (echo === -1 ? lines : lines.slice(0, echo)).join(' ').replace(positionInMessage, '').trim();
}

/** Where in the user's text Neo4j found the problem, or undefined when it gave no usable position. */
function userPosition(message: string): { line: number; column: number; offset: number } | undefined {
  const match = positionInMessage.exec(message);
  if (!match) return undefined;
  const [line, column, offset] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Positions on the EXPLAIN line itself (or line 0, "somewhere") do not point into the user's text.
  if (line < 2) return undefined;
  return { line: line - 1, column, offset: offset - explainPrefix.length };
}

function toConsoleError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof Neo4jError)) return toAppError(error);
  const code = error.code;
  if (code === 'Neo.ClientError.Statement.AccessMode') {
    return new AppError(
      403,
      'QUERY_REFUSED',
      'This console only reads; this query would change the graph, so it was not run (a query that could write is refused).',
    );
  }
  if (code === 'Neo.ClientError.Procedure.ProcedureNotFound') {
    const name = /name `([^`]+)`/.exec(error.message)?.[1] ?? null;
    return refused(procedureRefusal(name));
  }
  // A deadline can also surface as a termination, depending on which step it cut short.
  if (/^Neo\.(ClientError|TransientError)\.Transaction\.Terminated$/.test(code)) {
    return new AppError(504, 'QUERY_TIMEOUT', 'The query took too long and was stopped.');
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return new AppError(403, 'QUERY_REFUSED', 'Refused: the database does not allow this query.');
  }
  if (/MemoryPoolOutOfMemoryError|OutOfMemory/.test(code)) {
    return new AppError(
      400,
      'CYPHER_ERROR',
      'The query needs more memory than the database allows for one query; add a LIMIT or aggregate less.',
      { neo4jCode: code },
    );
  }
  if (queryErrorPrefixes.some((prefix) => code.startsWith(prefix))) {
    const position = userPosition(error.message);
    return new AppError(400, 'CYPHER_ERROR', userMessage(error.message) || 'The query is not valid Cypher.', {
      neo4jCode: code,
      ...(position ? { position } : {}),
    });
  }
  return toAppError(error);
}
