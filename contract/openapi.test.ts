import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { allRoutes } from './index.js';
import { buildOpenApiDocument } from './openapi.js';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument('test');

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every endpoint the API mounts, with every declared parameter', () => {
    const paths = document.paths as Record<string, Record<string, { parameters: { name: string }[] }>>;
    for (const spec of allRoutes) {
      const operation = paths[`/api${spec.path.replace(/:([A-Za-z]+)/g, '{$1}')}`]?.[spec.method];
      expect(operation, `${spec.method} ${spec.path}`).toBeDefined();
      const declared = [...Object.keys(spec.params?.shape ?? {}), ...Object.keys(spec.query?.shape ?? {})];
      expect(operation!.parameters.map((p) => p.name).sort()).toEqual(declared.sort());
    }
  });

  it('resolves every $ref to a component schema', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(Object.keys(schemas)).toContain(ref);
    expect(text).not.toContain('#/$defs/');
  });
});
