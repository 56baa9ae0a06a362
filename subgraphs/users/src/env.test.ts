import { describe, expect, it } from 'vitest';
import { usersConfigFromEnv, usersEnvSchema } from './env';

const platform = { INTERNAL_TOKEN_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----' };
const key = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' };
const signing = { ...platform, ACCESS_TOKEN_SIGNING_KEYS: JSON.stringify([key]) };

describe('users env', () => {
  it('reads the signing keys and defaults every token and throttle setting', () => {
    expect(usersConfigFromEnv(usersEnvSchema.parse(signing))).toEqual({
      signingKeys: [key],
      issuer: 'commerce-supergraph',
      audience: 'commerce-supergraph',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 24 * 3600,
      loginThrottle: { freeAttempts: 5, freeAttemptsPerIp: 50, baseDelaySeconds: 1, maxDelaySeconds: 300, windowSeconds: 900 },
    });
  });

  it('ensures the admin only when both its e-mail and password are given', () => {
    const env = usersEnvSchema.parse({ ...signing, ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'long enough 123' });
    expect(usersConfigFromEnv(env).admin).toEqual({ email: 'admin@example.com', password: 'long enough 123', name: 'Administrator' });
    const half = usersEnvSchema.safeParse({ ...signing, ADMIN_EMAIL: 'admin@example.com' });
    expect(half.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['ADMIN_PASSWORD', 'ADMIN_EMAIL and ADMIN_PASSWORD go together'],
    ]);
  });

  it('names every problem: keys that are not a JSON array, out-of-range numbers, a cap below its base', () => {
    const result = usersEnvSchema.safeParse({ ...platform, ACCESS_TOKEN_SIGNING_KEYS: '{"kty":"EC"}', ACCESS_TOKEN_TTL_SECONDS: '5' });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['ACCESS_TOKEN_SIGNING_KEYS', 'ACCESS_TOKEN_TTL_SECONDS']);
    expect(result.error!.issues[0]!.message).toBe('must be a JSON array of private JWKs (first one signs)');
    const backoff = usersEnvSchema.safeParse({ ...signing, LOGIN_BACKOFF_BASE_SECONDS: '30', LOGIN_BACKOFF_MAX_SECONDS: '10' });
    expect(backoff.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['LOGIN_BACKOFF_MAX_SECONDS', 'LOGIN_BACKOFF_MAX_SECONDS must be at least LOGIN_BACKOFF_BASE_SECONDS'],
    ]);
  });
});
