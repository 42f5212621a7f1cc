import express, { Router } from 'express';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildOpenApiDocument } from '../../../contract/openapi.js';

const require = createRequire(import.meta.url);
const swaggerUiDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
  version: string;
};

// The reference page is a static file of our own plus swagger-ui's assets from npm, so it needs no
// outside host and no inline script (the CSP forbids both).
const docsPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Trove API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;
const docsInit = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export function apiDocsRouter(): Router {
  const router = Router();
  const document = buildOpenApiDocument(version);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(docsInit);
  });
  // Falling through on a missing or refused name (`%00`, `..%2f`) lets the API's own 404 answer it in
  // the error shape; not falling through made each of those a 500.
  router.use('/docs/assets', express.static(swaggerUiDir, { maxAge: '1d', fallthrough: true }));
  return router;
}
