import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** JSON logs (one line each) for machines; pipe through `pino-pretty` to read them. */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
