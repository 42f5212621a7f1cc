import type { z } from 'zod';

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ResponseSpec {
  description: string;
  /** JSON body schema; omit for non-JSON bodies (files), then list their `contentTypes`. */
  schema?: z.ZodType;
  /** Every media type the response may have (one per export format, say). */
  contentTypes?: string[];
}

/** One endpoint: the single description from which validation, types and OpenAPI come. */
export interface RouteSpec<
  P extends AnyObject | undefined = AnyObject | undefined,
  Q extends AnyObject | undefined = AnyObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax under /api, e.g. `/entities/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  responses: R;
}

// Optional spec fields read back as `X | undefined`; a spec that declares X always parses it.
type Out<S> = [NonNullable<S>] extends [never]
  ? undefined
  : NonNullable<S> extends z.ZodType
    ? z.output<NonNullable<S>>
    : undefined;

export interface RouteInput<Spec extends RouteSpec> {
  params: Out<Spec['params']>;
  query: Out<Spec['query']>;
  body: Out<Spec['body']>;
}

type SuccessStatus = 200 | 201 | 202 | 204;

/**
 * What a route's handler must return: the body its 2xx response schema describes, so a handler that
 * drifts from the contract fails to compile rather than failing the response check in a test. A
 * 2xx without a JSON schema (a file download) is answered by the handler itself: `undefined`.
 */
export type SuccessBody<Spec extends RouteSpec> = {
  [K in keyof Spec['responses'] & SuccessStatus]: Spec['responses'][K] extends { schema: infer S }
    ? S extends z.ZodType
      ? z.input<S>
      : undefined
    : undefined;
}[keyof Spec['responses'] & SuccessStatus];

export function defineRoute<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  const R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}
