import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { AppError } from '../http/errors.js';

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

/** Parses one part of a request; the 400 names the field and what was wrong with it. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue ? issue.path.map(String).join('.') : '';
  const received =
    issue && issue.path.length > 0 && value && typeof value === 'object'
      ? (value as Record<string, unknown>)[String(issue.path[0])]
      : undefined;
  const shown =
    typeof received === 'string'
      ? `, got '${received.length > 80 ? `${received.slice(0, 80)}…` : received}'`
      : '';
  throw new AppError(400, 'BAD_REQUEST', `${field || where}: ${issue?.message ?? 'is invalid'}${shown}`, {
    field: field || where,
  });
}

type Handler<Spec extends RouteSpec> = (
  input: RouteInput<Spec>,
  req: Request,
  res: Response,
) => Promise<unknown> | unknown;

/**
 * Mounts a thin route: parse the input with the spec's schemas, call one function, send what it
 * returns as JSON (or nothing, when the handler already answered, as file downloads do).
 */
export function mount<Spec extends RouteSpec>(router: Router, spec: Spec, handler: Handler<Spec>): void {
  const wrapped: RequestHandler = async (req, res, next) => {
    try {
      const input = {
        params: spec.params ? parseInput(spec.params, req.params, 'path') : undefined,
        query: spec.query ? parseInput(spec.query, req.query, 'query') : undefined,
        body: spec.body ? parseInput(spec.body, req.body, 'body') : undefined,
      } as RouteInput<Spec>;
      const result = await handler(input, req, res);
      if (!res.headersSent) {
        const success =
          Object.keys(spec.responses)
            .map(Number)
            .find((status) => status < 300) ?? 200;
        res.status(success).json(result);
      }
    } catch (error) {
      next(error);
    }
  };
  router[spec.method](spec.path, wrapped);
}
