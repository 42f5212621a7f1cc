import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { AppError, errorBody } from './errors.js';

export interface OverloadOptions {
  /**
   * The most API requests served at once (0: no limit, no queue). The limit in force moves between
   * a few and this: down when admitted requests take longer than `targetMs`, back up when they do not.
   */
  maxInFlight: number;
  /** Service time of an admitted request above which the machine is taken to be saturated. */
  targetMs: number;
  /** How long a request may wait for its turn before it is answered 503 instead. */
  maxQueueMs: number;
  /** Requests that may wait at once; beyond, a new one is answered 503 at once. */
  maxQueue: number;
  /** Event-loop delay beyond which new requests are answered 503 at once (0: not checked). */
  maxLagMs: number;
  /**
   * A read still unanswered this long after it was admitted is answered 503 then, so that a client
   * hears something before its own timeout (0: never).
   */
  maxServiceMs: number;
  /**
   * The same for console queries, which may run up to their own timeout: a second past it, the
   * query is late only because the machine is overloaded (answering also cancels it in Neo4j).
   */
  maxConsoleServiceMs: number;
}

/** The Retry-After clients are given: long enough for a burst to drain, short enough to come back. */
const retryAfterSeconds = 1;

function overloaded(reason: string): AppError {
  return new AppError(503, 'OVERLOADED', `The server is busy (${reason}): try again in a second.`, {
    retryAfterSeconds,
  });
}

/**
 * Load shedding in front of the API. A saturated machine served 200 connections so slowly that
 * clients timed out: every request was admitted and all of them shared the database and the event
 * loop. Here a limited number run at once; the rest wait in a bounded queue for a bounded time,
 * and a request that cannot be served soon is answered 503 with Retry-After at once, which a client
 * (or a proxy) can act on, instead of a timeout it cannot tell from a dead server.
 *
 * The limit adapts (additive increase, multiplicative decrease, as TCP does): a database with the
 * machine to itself serves `maxInFlight` at once quickly and nothing is shed; the same database on a
 * saturated machine serves each of them slowly, and fewer at once is what keeps each answer fast.
 */
export function loadShedder(
  options: OverloadOptions,
): RequestHandler & { stats(): { shed: number; limit: number } } {
  let inFlight = 0;
  let shed = 0;
  const floor = Math.min(4, options.maxInFlight);
  let limit = options.maxInFlight;
  const queue: { admit: () => void }[] = [];

  // Event-loop delay, sampled by how late a short timer fires; unref'd so it never holds the process.
  // The smaller of the last two samples: one long task (decoding a hub's answer, a garbage
  // collection) makes one late sample and is over; a loop that stays behind makes every sample late.
  // Shedding on one sample refused the requests of an idle machine right after a big answer.
  let lagMs = 0;
  if (options.maxLagMs > 0) {
    const every = 50;
    let expected = performance.now() + every;
    let previous = 0;
    setInterval(() => {
      const now = performance.now();
      const sample = Math.max(0, now - expected);
      lagMs = Math.min(previous, sample);
      previous = sample;
      expected = now + every;
    }, every).unref();
  }

  const release = (serviceMs: number): void => {
    limit =
      serviceMs > options.targetMs
        ? Math.max(floor, limit * 0.9)
        : Math.min(options.maxInFlight, limit + 1 / limit);
    inFlight -= 1;
    while (inFlight < Math.floor(limit) && queue.length > 0) {
      inFlight += 1;
      queue.shift()?.admit();
    }
  };

  const handler: RequestHandler = (req, res, next) => {
    // Health answers what it sees even under load: a monitor must not read "busy" as "down".
    if (options.maxInFlight === 0 || req.path === '/health') return next();
    const refuse = (reason: string): void => {
      shed += 1;
      res.setHeader('Retry-After', String(retryAfterSeconds));
      next(overloaded(reason));
    };
    if (options.maxLagMs > 0 && lagMs > options.maxLagMs) return refuse('its event loop is behind');
    let done = false;
    let startedAt = 0;
    const finish = (): void => {
      if (done) return;
      done = true;
      release(performance.now() - startedAt);
    };
    const start = (): void => {
      startedAt = performance.now();
      res.once('finish', finish);
      res.once('close', finish);
      const console = req.method === 'POST' && req.path === '/cypher';
      // Only reads (and the read-only console, whose query the 503 cancels) are cut short: a write
      // keeps running after an answer, so a 503 would tell the client it failed while it commits.
      const read = req.method === 'GET' || req.method === 'HEAD' || console;
      if (options.maxServiceMs > 0 && read) {
        const deadline = setTimeout(
          () => {
            if (res.headersSent) return;
            shed += 1;
            res.setHeader('Retry-After', String(retryAfterSeconds));
            res.status(503).json(errorBody(overloaded('the database answers too slowly')));
          },
          console ? options.maxConsoleServiceMs : options.maxServiceMs,
        );
        res.once('close', () => clearTimeout(deadline));
      }
      next();
    };
    if (inFlight < Math.floor(limit)) {
      inFlight += 1;
      return start();
    }
    if (queue.length >= options.maxQueue) return refuse('too many requests are waiting');
    let timer: NodeJS.Timeout | undefined = undefined;
    const entry = {
      // Counted in flight by release(), which admits it.
      admit: () => {
        clearTimeout(timer);
        if (res.writableEnded || res.destroyed) release(0);
        else start();
      },
    };
    queue.push(entry);
    timer = setTimeout(() => {
      const at = queue.indexOf(entry);
      if (at !== -1) queue.splice(at, 1);
      refuse('requests wait too long for their turn');
    }, options.maxQueueMs);
    // A client that leaves while it waits gives up its place. (Not req's 'close': that comes as soon
    // as a request without a body has been read, and would drop every queued GET unanswered.)
    res.once('close', () => {
      const at = queue.indexOf(entry);
      if (at !== -1) {
        queue.splice(at, 1);
        clearTimeout(timer);
      }
    });
  };
  return Object.assign(handler, { stats: () => ({ shed, limit: Math.floor(limit) }) });
}

export function overloadOptions(config: Config): OverloadOptions {
  return {
    maxInFlight: config.overload.maxInFlight,
    targetMs: config.overload.targetMs,
    maxQueueMs: config.overload.maxQueueMs,
    maxQueue: config.overload.maxQueue,
    maxLagMs: config.overload.maxLagMs,
    maxServiceMs: config.overload.maxServiceMs,
    maxConsoleServiceMs:
      config.overload.maxServiceMs === 0
        ? 0
        : Math.max(config.overload.maxServiceMs, config.query.timeoutMs + 1_000),
  };
}
