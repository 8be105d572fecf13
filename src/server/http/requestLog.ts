import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import { maybeUserId } from './auth';

/** One log line per finished request: method, path (no query string), status, ms, user id. */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        userId: maybeUserId(res),
      };
      if (res.statusCode >= 500) logger.error(entry, 'request');
      else logger.info(entry, 'request');
    });
    next();
  };
}
