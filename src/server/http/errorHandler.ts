import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import { ServerError } from '../errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Maps body-parser's failures (bad JSON, too large, wrong charset) to our API errors. */
function fromBodyParser(err: unknown): ServerError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, status } = err as BodyParserError;
  switch (type) {
    case 'entity.too.large':
      return new ServerError('payload_too_large', 413, 'The request is too large.');
    case 'entity.parse.failed':
      return new ServerError('bad_request', 400, 'The request body is not valid JSON.');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ServerError('bad_request', 415, 'Unsupported request encoding; send UTF-8 JSON.');
    default:
      return typeof status === 'number' && status >= 400 && status < 500
        ? new ServerError('bad_request', status, 'The request could not be read.')
        : undefined;
  }
}

/**
 * Last middleware: every error leaves as an `ApiErrorBody`. Unknown errors become a 500
 * `internal` with a generic message (the stack goes to the log, never to the client).
 */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = err instanceof ServerError ? err : fromBodyParser(err);
    const error =
      known ?? new ServerError('internal', 500, 'Something went wrong on the server. Please try again later.');
    if (!known) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error.status === 426) res.set('Upgrade', 'FairDesk');
    res.status(error.status).json(error.toBody());
  };
}

export const notFound = (req: Request): never => {
  const path = req.originalUrl.split('?')[0] ?? req.path;
  throw new ServerError('not_found', 404, `Nothing here: ${req.method} ${path}`);
};
