import { Router } from 'express';
import type { AppContext } from '../context.js';
import { healthRoute } from '../../../contract/health.js';
import { ANSWERED, mount } from '../http/mount.js';
import { AppError, errorBody, toAppError } from '../http/errors.js';
import { readHealth } from './query.js';

export function healthRouter({ driver }: AppContext): Router {
  const router = Router();
  mount(router, healthRoute, async (_input, req, res) => {
    try {
      return await readHealth(driver);
    } catch (error) {
      // Health answers in its own shape even when the database is down, so monitors and the page
      // can read `neo4j.connected`; the error shape rides along for clients that only read errors.
      let appError = toAppError(error);
      if (appError.status === 500) {
        appError = new AppError(
          503,
          'DATABASE_UNAVAILABLE',
          'The database is unavailable. Try again shortly.',
        );
      }
      req.log.warn({ err: error }, 'health check failed');
      res.status(appError.status).json({
        status: 'unavailable',
        neo4j: { connected: false, version: null, edition: null },
        counts: null,
        ...errorBody(appError),
      });
      return ANSWERED;
    }
  });
  return router;
}
