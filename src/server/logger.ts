import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/**
 * The server's structured logger: one JSON object per line on stdout. Secrets never reach it:
 * request logs carry method, path, status, duration and user id only, and `redact` blanks the
 * usual credential fields should one be logged by mistake.
 */
export function createLogger(level: LogLevel): Logger {
  // Synchronous stdout: lines stay in order with the dev banner and survive process.exit().
  return pino({
    level,
    base: { service: 'fairdesk-server', pid: process.pid },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'secret', '*.secret', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
  }, pino.destination({ dest: 1, sync: true }));
}
