import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { RouteInput, RouteSpec, SuccessBody } from '../../../contract/route.js';
import { AppError } from './errors.js';

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

/**
 * Returned by a handler that has answered with a status other than its 2xx (health's 503 in its own
 * shape); anything else it returns must be its 2xx body.
 */
export const ANSWERED: unique symbol = Symbol('answered');

type Result<Spec extends RouteSpec> = SuccessBody<Spec> | typeof ANSWERED;

type Handler<Spec extends RouteSpec> = (
  input: RouteInput<Spec>,
  req: Request,
  res: Response,
) => Promise<Result<Spec>> | Result<Spec>;

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
      if (result !== ANSWERED && !res.headersSent) {
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
