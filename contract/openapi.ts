import { z } from 'zod';
import { allRoutes } from './index.js';
import { errorBody } from './common.js';
import type { ResponseSpec, RouteSpec } from './route.js';

type Json = Record<string, unknown>;

/**
 * zod writes shared schemas (those with a meta id) into a local `$defs` with `#/$defs/X` refs; in an
 * OpenAPI document refs resolve from the document root, so they move to components.schemas.
 */
function toComponentSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      const out: Json = {};
      for (const [key, inner] of Object.entries(value)) {
        out[key] =
          key === '$ref' && typeof inner === 'string'
            ? inner.replace('#/$defs/', '#/components/schemas/')
            : rewrite(inner);
      }
      return out;
    }
    return value;
  };
  const {
    $defs,
    $schema: _ignored,
    ...rest
  } = rewrite(generated) as Json & { $defs?: Json; $schema?: string };
  Object.assign(components, $defs ?? {});
  return rest;
}

function parameters(spec: RouteSpec, components: Json): Json[] {
  const out: Json[] = [];
  for (const [location, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape)) {
      const fieldSchema = field as z.ZodType;
      const json = toComponentSchema(fieldSchema, 'input', components);
      const { description, ...schemaOnly } = json as Json & { description?: string };
      out.push({
        name,
        in: location,
        required: location === 'path' || !fieldSchema.safeParse(undefined).success,
        ...(description ? { description } : {}),
        schema: schemaOnly,
      });
    }
  }
  return out;
}

const retryAfterHeader = {
  'Retry-After': {
    description: 'With OVERLOADED or DATABASE_BUSY: seconds to wait before trying again.',
    schema: { type: 'integer' },
  },
};

/**
 * What the app's middleware may answer on any route before the route itself runs (server/src/app.ts):
 * a Host outside the allow-list, a request head too large to read (server/src/server.ts), and load
 * shedding or a database that is down. A route's own spec for the same status (health's 503 in its
 * own shape, say) takes precedence.
 */
function everyRoute(spec: RouteSpec): Record<number, ResponseSpec> {
  const generic: Record<number, ResponseSpec> = {
    421: {
      description:
        'MISDIRECTED_REQUEST: the Host header names a host this server does not answer to (ALLOWED_HOSTS).',
      schema: errorBody,
    },
    431: {
      description:
        'HEADERS_TOO_LARGE: the request line and headers together are over 64 KiB (a query string that long is over every documented limit).',
      schema: errorBody,
    },
  };
  // Health is never shed, and answers a database that is down in its own shape.
  if (spec.path !== '/health') {
    generic[503] = {
      description:
        'OVERLOADED: the server is busy; try again after Retry-After seconds. DATABASE_BUSY: a passing database condition (a deadlock between two writes) outlasted the retries, or a write came while a large dataset is being loaded; try again after Retry-After seconds. DATABASE_UNAVAILABLE: the database is unreachable.',
      schema: errorBody,
    };
  }
  return generic;
}

/** The OpenAPI 3.1 document, generated from the same specs that validate requests. */
export function buildOpenApiDocument(version: string): Json {
  const components: Json = {};
  const paths: Record<string, Json> = {};
  for (const spec of allRoutes) {
    const path = `/api${spec.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const responses: Json = {};
    const generic = everyRoute(spec);
    const merged = { ...generic, ...spec.responses };
    // A route's own 503 in the error shape is one of the generic one's causes (a database that is down).
    if (generic[503] && spec.responses[503]?.schema === errorBody) merged[503] = generic[503];
    for (const [status, response] of Object.entries(merged)) {
      responses[status] = {
        description: response.description,
        ...(status === '503' && response.schema === errorBody ? { headers: retryAfterHeader } : {}),
        content: response.schema
          ? { 'application/json': { schema: toComponentSchema(response.schema, 'output', components) } }
          : Object.fromEntries(
              (response.contentTypes ?? ['application/octet-stream']).map((type) => [type, {}]),
            ),
      };
    }
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      parameters: parameters(spec, components),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toComponentSchema(spec.body, 'input', components) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trove API',
      version,
      description:
        'A knowledge graph of reporting in which every link carries the verbatim sentence that supports it. Errors always have the shape {"error": {"code", "message"}}.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: components },
  };
}
