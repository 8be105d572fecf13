/**
 * The logging surface the core needs. pino's logger satisfies it, so hosts pass theirs; tests and
 * embedders that do not care pass nothing and get `silentLogger`.
 */
export interface CoreLogger {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

export const silentLogger: CoreLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
