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
  responses: Record<number, ResponseSpec>;
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

export function defineRoute<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}
