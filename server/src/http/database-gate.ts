import type { RequestHandler, Response } from 'express';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { AppError, errorBody, toAppError } from './errors.js';

export interface DatabaseGateOptions {
  /** A request in flight this long makes the gate ask the database whether it is still there. */
  suspectAfterMs?: number;
  /** Pause between probes while the database is down. */
  probeEveryMs?: number;
  /** A probe that takes longer proves nothing either way (a busy pool is not a dead server). */
  probeTimeoutMs?: number;
}

const unavailable = (): AppError =>
  new AppError(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable. Try again shortly.');

/**
 * A circuit breaker in front of every route that needs the database.
 *
 * The driver alone answers a vanished database slowly: executeRead retries with back-off, and each
 * retry waits for a connection. The gate instead answers 503 at once: to requests that arrive while
 * the database is known to be down, and to requests already in flight when it goes away. It probes
 * in the background while down, so service comes back by itself when the database does.
 */
export class DatabaseGate {
  private down = false;
  private probing: Promise<void> | undefined;
  private lastProbeAt = 0;
  private readonly inFlight = new Map<Response, { started: number; path: string }>();
  private readonly watchdog: NodeJS.Timeout;
  private readonly suspectAfterMs: number;
  private readonly probeEveryMs: number;
  private readonly probeTimeoutMs: number;

  constructor(
    private readonly driver: Driver,
    private readonly logger: Logger,
    options: DatabaseGateOptions = {},
  ) {
    this.suspectAfterMs = options.suspectAfterMs ?? 200;
    this.probeEveryMs = options.probeEveryMs ?? 250;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
    this.watchdog = setInterval(() => this.tick(), 100);
    // The gate must never be what keeps a finished process alive.
    this.watchdog.unref();
  }

  get isDown(): boolean {
    return this.down;
  }

  /** Stops the background timer; for servers that are closing. */
  close(): void {
    clearInterval(this.watchdog);
  }

  readonly middleware: RequestHandler = (req, res, next) => {
    // The API's own description needs no database.
    if (req.path === '/openapi.json' || req.path.startsWith('/docs')) return next();
    if (this.down) {
      this.answerUnavailable(res, req.path);
      this.probeSoon();
      return;
    }
    this.inFlight.set(res, { started: Date.now(), path: req.path });
    const done = (): void => {
      this.inFlight.delete(res);
      // A 503 from a route means the driver gave up on the database: confirm it with a probe.
      if (res.statusCode === 503 && !this.down) this.probeSoon(true);
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };

  private tick(): void {
    if (this.down) {
      this.probeSoon();
      return;
    }
    const now = Date.now();
    for (const { started } of this.inFlight.values()) {
      if (now - started >= this.suspectAfterMs) {
        this.probeSoon();
        return;
      }
    }
  }

  private probeSoon(force = false): void {
    if (this.probing) return;
    if (!force && Date.now() - this.lastProbeAt < this.probeEveryMs) return;
    this.lastProbeAt = Date.now();
    this.probing = this.probe().finally(() => {
      this.probing = undefined;
    });
  }

  private async probe(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.probeTimeoutMs);
    });
    try {
      const outcome = await Promise.race([this.driver.getServerInfo().then(() => 'up' as const), timeout]);
      if (outcome === 'up' && this.down) {
        this.down = false;
        this.logger.info('the database answers again; requests go through');
      }
    } catch (error) {
      // Only an error the app would itself answer with 503 counts; anything else (auth, say) is not
      // an outage, and routes report it in their own words.
      if (toAppError(error).status === 503) this.trip();
    } finally {
      clearTimeout(timer);
    }
  }

  private trip(): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(
      { inFlight: this.inFlight.size },
      'the database is unreachable; answering 503 until it is back',
    );
    for (const [res, { path }] of [...this.inFlight]) {
      this.inFlight.delete(res);
      if (!res.headersSent) this.answerUnavailable(res, path);
    }
  }

  private answerUnavailable(res: Response, path: string): void {
    // The route may still try to write once its query fails; that write must not crash the process.
    res.on('error', () => undefined);
    const body = errorBody(unavailable());
    res.setHeader('Retry-After', '1');
    if (path === '/health') {
      // Health keeps its own shape when down, so monitors and the page can read neo4j.connected.
      res.status(503).json({
        status: 'unavailable',
        neo4j: { connected: false, version: null, edition: null },
        counts: null,
        ...body,
      });
      return;
    }
    res.status(503).json(body);
  }
}
