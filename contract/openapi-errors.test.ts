import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.js';

type Operation = {
  operationId: string;
  responses: Record<string, { description: string; headers?: object }>;
};

// What the middleware answers before any route runs (a Host outside ALLOWED_HOSTS, load shedding)
// is part of every operation's contract, so a client generated from the document expects it.
describe('the OpenAPI document, for the answers every route may give', () => {
  const document = buildOpenApiDocument('test') as { paths: Record<string, Record<string, Operation>> };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.values(methods).map((operation) => ({ path, operation })),
  );

  it('documents 421 (misdirected: Host not allowed) on every operation', () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const { operation } of operations) {
      expect(operation.responses['421']?.description, operation.operationId).toContain('MISDIRECTED_REQUEST');
    }
  });

  it('documents 503 OVERLOADED with Retry-After on every operation but health', () => {
    for (const { path, operation } of operations) {
      if (path === '/api/health') continue;
      const shed = operation.responses['503'];
      expect(shed?.description, operation.operationId).toContain('OVERLOADED');
      expect(shed?.headers, operation.operationId).toHaveProperty('Retry-After');
    }
  });
});
