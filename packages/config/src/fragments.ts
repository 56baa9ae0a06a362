import { z } from 'zod';

/** A TCP port from an env string. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** "true"/"false"/"1"/"0" from an env string. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

export const nodeEnv = z.enum(['development', 'production', 'test']).default('development');

/** Comma-separated list, trimmed, empties dropped. */
export const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** A PEM key; accepts `\n` escapes so it fits on one line of a .env file. */
export const pem = z
  .string()
  .min(1)
  .transform((v) => v.replace(/\\n/g, '\n'));
