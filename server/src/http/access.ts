import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

function digest(value: string): Buffer {
  // Hashing first gives equal-length buffers, so the comparison time says nothing about the token.
  return createHash('sha256').update(value).digest();
}

/**
 * Guards endpoints that write or run arbitrary queries. On loopback the only client is the local
 * user, so they are open; exposed beyond it, they need the configured token.
 */
export function requireToken(access: Config['access']): RequestHandler {
  return (req, _res, next) => {
    if (!access.exposed) return next();
    if (!access.token) {
      return next(
        new AppError(
          403,
          'FORBIDDEN',
          'This server is exposed beyond loopback and has no TROVE_TOKEN: writes are off.',
        ),
      );
    }
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!timingSafeEqual(digest(presented), digest(access.token))) {
      return next(
        new AppError(401, 'UNAUTHORIZED', 'Send the server token as "Authorization: Bearer <token>".'),
      );
    }
    next();
  };
}
