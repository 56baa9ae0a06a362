import { z } from 'zod';
import { loadEnvOrExit, logLevel, pem, port } from '@shop/config';
import { databaseEnvShape } from '@shop/db';
import { eventsEnvShape } from '@shop/events';

const jwkList = z
  .string()
  .transform((raw, ctx) => {
    try {
      const parsed: unknown = JSON.parse(raw);
      return z.array(z.record(z.string(), z.unknown())).min(1).parse(parsed);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of private JWKs (first one signs)' });
      return z.NEVER;
    }
  });

/** The users subgraph's configuration. Every variable is documented in the README table. */
export const usersEnvSchema = z.object({
  USERS_PORT: port(4001),
  USERS_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  ...databaseEnvShape,
  ...eventsEnvShape,
  /** PEM public key matching the router's INTERNAL_TOKEN_PRIVATE_KEY. */
  INTERNAL_TOKEN_PUBLIC_KEY: pem,
  /** JSON array of ES256 private JWKs; the first signs, all are published in the JWKS (rotation). */
  ACCESS_TOKEN_SIGNING_KEYS: jwkList,
  ACCESS_TOKEN_ISSUER: z.string().default('commerce-supergraph'),
  ACCESS_TOKEN_AUDIENCE: z.string().default('commerce-supergraph'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).default(30 * 24 * 3600),
});

export type UsersEnv = z.output<typeof usersEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadUsersEnv = (): UsersEnv => loadEnvOrExit(usersEnvSchema, process.env);
