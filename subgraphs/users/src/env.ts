import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import type { UsersConfig } from './subgraph';

const jwkList = z.string().transform((raw, ctx) => {
  try {
    return z.array(z.record(z.string(), z.unknown())).min(1).parse(JSON.parse(raw));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON array of private JWKs (first one signs)' });
    return z.NEVER;
  }
});

/** The users subgraph's configuration (services mode). Every variable is documented in the README. */
export const usersEnvSchema = z
  .object({
    ...platformEnvShape,
    /** JSON array of ES256 private JWKs; the first signs, all are published in the JWKS (rotation). */
    ACCESS_TOKEN_SIGNING_KEYS: jwkList,
    ACCESS_TOKEN_ISSUER: z.string().default('commerce-supergraph'),
    ACCESS_TOKEN_AUDIENCE: z.string().default('commerce-supergraph'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .default(30 * 24 * 3600),
    /** Failed-login back-off (README "Authentication"). */
    LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_FREE_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(10_000).default(50),
    LOGIN_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).max(60).default(1),
    LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    /** The admin account ensured at start; both or neither. */
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(10).optional(),
  })
  .refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
    path: ['ADMIN_PASSWORD'],
  })
  .refine((env) => env.LOGIN_BACKOFF_MAX_SECONDS >= env.LOGIN_BACKOFF_BASE_SECONDS, {
    message: 'LOGIN_BACKOFF_MAX_SECONDS must be at least LOGIN_BACKOFF_BASE_SECONDS',
    path: ['LOGIN_BACKOFF_MAX_SECONDS'],
  });

export type UsersEnv = z.output<typeof usersEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadUsersEnv = (): UsersEnv => loadEnvOrExit(usersEnvSchema, process.env);

export const usersConfigFromEnv = (env: UsersEnv): UsersConfig => ({
  signingKeys: env.ACCESS_TOKEN_SIGNING_KEYS,
  issuer: env.ACCESS_TOKEN_ISSUER,
  audience: env.ACCESS_TOKEN_AUDIENCE,
  accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
  loginThrottle: {
    freeAttempts: env.LOGIN_FREE_ATTEMPTS,
    freeAttemptsPerIp: env.LOGIN_FREE_ATTEMPTS_PER_IP,
    baseDelaySeconds: env.LOGIN_BACKOFF_BASE_SECONDS,
    maxDelaySeconds: env.LOGIN_BACKOFF_MAX_SECONDS,
    windowSeconds: env.LOGIN_WINDOW_SECONDS,
  },
  ...(env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, name: 'Administrator' } } : {}),
});
