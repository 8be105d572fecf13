import type { Response } from 'express';
import type { z } from 'zod';
import { ServerError } from '../errors';

/** Parses a request body with its shared schema, or throws `bad_request` listing each field's problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  throw new ServerError(
    'bad_request',
    400,
    first ? `Invalid request: ${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid request.',
    issues,
  );
}

/**
 * Sends a JSON answer. With `check` on (dev and tests) the value is first validated against the
 * shared response schema, so a server-side drift fails loudly instead of confusing a client.
 */
export function sendJson<S extends z.ZodType>(res: Response, schema: S, value: z.infer<S>, check: boolean, status = 200): void {
  const body: unknown = check ? schema.parse(value) : value;
  res.status(status).json(body);
}
