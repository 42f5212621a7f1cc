import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

const pass: RequestHandler = (_req, _res, next) => next();

function limiter(windowMs: number, limit: number, what: string): RequestHandler {
  if (limit === 0) return pass;
  return rateLimit({
    windowMs,
    limit,
    // Clients read RateLimit-* (IETF draft 8) and Retry-After; the old X-RateLimit-* add nothing.
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Keyed on the socket's address (trust proxy is off, so X-Forwarded-For cannot pick the bucket);
    // IPv6 clients are grouped per /56, as one host usually owns a whole prefix.
    handler: (_req, _res, next) => {
      next(
        new AppError(
          429,
          'RATE_LIMITED',
          `Too many ${what} from this client; wait ${Math.ceil(windowMs / 1000)} s and try again.`,
        ),
      );
    },
  });
}

/**
 * Per-client request budgets, applied only when the server is exposed beyond loopback: on loopback
 * the only client is the local user (and the load tests), whom a limit would only get in the way of.
 */
export function rateLimits(config: Pick<Config, 'access' | 'rateLimit'>): {
  all: RequestHandler;
  expensive: RequestHandler;
} {
  if (!config.access.exposed) return { all: pass, expensive: pass };
  const { windowMs, max, consoleMax } = config.rateLimit;
  return {
    all: limiter(windowMs, max, 'requests'),
    expensive: limiter(windowMs, consoleMax, 'queries and writes'),
  };
}
