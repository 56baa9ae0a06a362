/**
 * The few logger methods this package calls. Structural, so a pino logger (or any logger with
 * `(fields, message)` methods) fits without the package depending on pino.
 */
export interface EventsLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Used when no logger is given: the package stays silent rather than writing to stdout. */
export const silentLogger: EventsLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Error text for logs and outbox/dead-letter records; non-Error throwables are stringified. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
