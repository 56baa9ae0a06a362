import type { z } from 'zod';

/** Thrown when the environment does not satisfy a deployable's schema; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type EnvSource = Record<string, string | undefined>;

/**
 * Parses `source` (a deployable's `process.env`, passed in by its `env.ts`) with `schema`.
 * Empty strings count as unset so `FOO=` in a shell falls back to the default.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: EnvSource): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

/** Like {@link parseEnv} but prints every problem and exits non-zero: for process entry points. */
export function loadEnvOrExit<S extends z.ZodType>(schema: S, source: EnvSource): z.output<S> {
  try {
    return parseEnv(schema, source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
