import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { buildOpenApiDocument } from '../../contract/openapi.js';
import type { RouteSpec } from '../../contract/route.js';

// Responses are checked against the published OpenAPI document itself (not the zod schemas it was
// generated from), so a drift between the two would fail here too.
const document = buildOpenApiDocument('test') as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content: Record<string, { schema?: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'openapi', components: document.components } as object);

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

function validatorFor(spec: RouteSpec, status: number) {
  const key = `${spec.method} ${spec.path} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const path = `/api${spec.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const response = document.paths[path]?.[spec.method]?.responses[String(status)];
    if (!response) throw new Error(`${key}: the OpenAPI document declares no such response`);
    const schema = response.content['application/json']?.schema;
    if (!schema) throw new Error(`${key}: not a JSON response`);
    const rebased = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'),
    ) as object;
    validate = ajv.compile(rebased);
    compiled.set(key, validate);
  }
  return validate;
}

/** Asserts that `body`, answered with `status`, is what the OpenAPI document promises. */
export function expectConforms(spec: RouteSpec, status: number, body: unknown): void {
  const validate = validatorFor(spec, status);
  const valid = validate(body);
  expect(
    valid ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`),
    `${spec.operationId} ${status}`,
  ).toEqual([]);
}
