import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context.js';
import { apiDocsRouter } from './api-docs/route.js';
import { cypherConsoleRouter } from './cypher-console/route.js';
import { entitiesRouter } from './entities/route.js';
import { entityEditRouter } from './entity-edit/route.js';
import { exportRouter } from './export/route.js';
import { graphRouter } from './graph/route.js';
import { healthRouter } from './health/route.js';
import { historyRouter } from './history/route.js';
import { importsRouter } from './imports/route.js';
import { MAX_IMPORT_UPLOAD_BYTES } from '../../contract/imports.js';
import { pathsRouter } from './paths/route.js';
import { resolutionRouter } from './resolution/route.js';
import { schemaViewRouter } from './schema-view/route.js';
import { searchRouter } from './search/route.js';
import { sourcesRouter } from './sources/route.js';
import { storiesRouter } from './stories/route.js';
import { timelineRouter } from './timeline/route.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { requireToken } from './http/access.js';
import { hostCheck } from './http/host-check.js';
import { loadShedder, overloadOptions } from './http/overload.js';
import { DatabaseGate } from './http/database-gate.js';
import { rateLimits } from './http/rate-limit.js';

export interface AppOptions {
  /** The built page (client/dist); omitted in API-only tests. */
  clientDir?: string;
}

/**
 * The build writes a brotli and a gzip copy beside each script and stylesheet (client/vite.config.ts):
 * a client that accepts one gets it as it is, without compressing on every request. Only the names
 * found at start are answered this way; anything else goes on to the plain static files.
 */
function precompressedAssets(dir: string, cache: { immutable: boolean; maxAge: string }): RequestHandler {
  const encodings = new Map<string, ('br' | 'gzip')[]>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const match = /^(.+)\.(br|gz)$/.exec(name);
    if (!match?.[1] || !existsSync(join(dir, match[1]))) continue;
    const list = encodings.get(match[1]) ?? [];
    if (match[2] === 'br') list.unshift('br');
    else list.push('gzip');
    encodings.set(match[1], list);
  }
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.slice(1);
    const available = encodings.get(name);
    if (!available) return next();
    res.vary('Accept-Encoding');
    // Brotli whenever the client takes it (browsers list gzip first, with the same weight).
    const encoding = available.find((e) => req.acceptsEncodings(e) === e);
    if (!encoding) return next();
    // The type of the original (send keeps a Content-Type already set); compression() leaves a
    // response that already has a Content-Encoding alone.
    res.type(extname(name));
    res.setHeader('Content-Encoding', encoding);
    res.sendFile(join(dir, `${name}.${encoding === 'br' ? 'br' : 'gz'}`), cache, (error) => {
      if (error) next(error);
    });
  };
}

export function createApp(context: AppContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on API answers: Express would hash every body (up to megabytes for a neighbourhood) on
  // every request so that a client could revalidate an answer the query had to produce anyway.
  // Static files keep theirs (express.static sets its own).
  app.disable('etag');
  app.set('trust proxy', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
    }),
  );
  // A client that accepts no encoding is answered as it is without compression's per-response work
  // (a MIME database lookup of the Content-Type, in the CPU profile under load: docs/performance.md).
  app.use(
    compression({
      filter: (req, res) => req.headers['accept-encoding'] !== undefined && compression.filter(req, res),
    }),
  );
  app.use(
    pinoHttp({
      logger: context.logger,
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }) },
      // The line a person reads at a terminal (logger.ts); the JSON keeps req, res and responseTime.
      customSuccessMessage: (req, res, responseTime) =>
        `${req.method} ${req.originalUrl ?? req.url} ${res.statusCode} ${Math.round(responseTime)} ms`,
      customErrorMessage: (req, res, error) =>
        `${req.method} ${req.originalUrl ?? req.url} ${res.statusCode} ${error.message}`,
    }),
  );
  app.use(hostCheck(context.config.allowedHosts));

  const api = express.Router();
  // First of all: a request shed here costs nothing but its answer.
  api.use(loadShedder(overloadOptions(context.config)));
  const limits = rateLimits(context.config);
  api.use(limits.all);
  // Everything that is not a read runs a query of the client's choosing or writes a story.
  api.use((req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' ? next() : limits.expensive(req, res, next),
  );
  // The console runs queries of the client's choosing: beyond loopback it needs the token, as writes do.
  api.post('/cypher', requireToken(context.config.access));
  // Imports write, and carry whole articles: the token first, then their own body limits (the JSON
  // parser below leaves a body that is already parsed alone).
  api.use('/imports', (req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD'
      ? next()
      : requireToken(context.config.access)(req, res, next),
  );
  api.post('/imports', express.json({ limit: '8mb' }));
  api.post('/imports/upload', express.raw({ type: () => true, limit: MAX_IMPORT_UPLOAD_BYTES }));
  api.use(express.json({ limit: '100kb' }));
  api.use(new DatabaseGate(context.driver, context.logger).middleware);
  for (const router of [
    healthRouter,
    searchRouter,
    entitiesRouter,
    pathsRouter,
    graphRouter,
    schemaViewRouter,
    timelineRouter,
    sourcesRouter,
    cypherConsoleRouter,
    exportRouter,
    storiesRouter,
    resolutionRouter,
    historyRouter,
    entityEditRouter,
    importsRouter,
  ]) {
    api.use(router(context));
  }
  api.use(apiDocsRouter());
  api.use(notFoundHandler);
  app.use('/api', api);

  if (options.clientDir && existsSync(join(options.clientDir, 'index.html'))) {
    const clientDir = options.clientDir;
    // Vite puts a content hash in every asset name, so they can be cached for good.
    const forGood = { immutable: true, maxAge: '1y' } as const;
    app.use('/assets', precompressedAssets(join(clientDir, 'assets'), forGood));
    app.use('/assets', express.static(join(clientDir, 'assets'), forGood));
    // A missing asset (an old page asking for a chunk a newer build replaced) is a plain 404.
    app.use('/assets', (_req, res) => {
      res.status(404).setHeader('Cache-Control', 'no-store');
      res.type('text/plain').send('Not found');
    });
    app.use(express.static(clientDir, { index: false, maxAge: 0 }));
    // The read-only embed page is made to be framed by other sites; the full page stays 'self' only.
    app.get(['/embed', '/embed/'], (_req, res) => {
      const csp = res.getHeader('Content-Security-Policy');
      if (typeof csp === 'string')
        res.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'));
      res.removeHeader('X-Frame-Options');
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(clientDir, 'index.html'));
    });
    // Every other GET is a view of the page (the URL holds the view), so the page answers it.
    app.get(/.*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(clientDir, 'index.html'));
    });
  }

  app.use(errorHandler);
  return app;
}
