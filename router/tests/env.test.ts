import { describe, expect, it } from 'vitest';
import { parseEnv } from '@shop/config';
import { routerEnvSchema } from '../src/env';
import { routerOptionsFromEnv } from '../src/options-from-env';

const required = { INTERNAL_TOKEN_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----' };

describe('router configuration', () => {
  it('has safe defaults for every limit', () => {
    const options = routerOptionsFromEnv(parseEnv(routerEnvSchema, required));
    expect(options).toMatchObject({
      production: false,
      limits: { maxDepth: 12, maxAliases: 15, maxDirectives: 20, maxTokens: 2_000, maxCost: 5_000, maxPageSize: 100, maxDocumentBytes: 32_768 },
      rateLimit: { max: 600, windowSeconds: 60, trustProxy: false },
      bodyLimitBytes: 1_000_000,
      subgraphTimeoutMs: 10_000,
      apolloTelemetry: false,
    });
    expect(options.cors).toEqual({ origins: [], credentials: false, localOrigins: true });
  });

  it('allows local origins only outside production, and never unasked in production', () => {
    const production = routerOptionsFromEnv(parseEnv(routerEnvSchema, { ...required, NODE_ENV: 'production' }));
    expect(production.cors).toBeUndefined();
    const listed = routerOptionsFromEnv(parseEnv(routerEnvSchema, { ...required, NODE_ENV: 'production', CORS_ORIGINS: 'https://a.example' }));
    expect(listed.cors).toEqual({ origins: ['https://a.example'], credentials: false });
    const off = routerOptionsFromEnv(parseEnv(routerEnvSchema, { ...required, CORS_LOCAL_ORIGINS: 'false' }));
    expect(off.cors).toBeUndefined();
  });

  it('reads CORS and rejects a Redis cache without a URL', () => {
    const env = parseEnv(routerEnvSchema, { ...required, CORS_ORIGINS: 'https://a.example, https://b.example', CORS_CREDENTIALS: 'true' });
    expect(routerOptionsFromEnv(env).cors).toEqual({
      origins: ['https://a.example', 'https://b.example'],
      credentials: true,
      localOrigins: true,
    });
    expect(() => parseEnv(routerEnvSchema, { ...required, CACHE_DRIVER: 'redis' })).toThrow(/REDIS_URL: REDIS_URL is required when CACHE_DRIVER=redis/);
  });

  it('tolerates 5 s of access-token clock skew by default; 0 to 60 may be configured', () => {
    expect(parseEnv(routerEnvSchema, required).ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS).toBe(5);
    expect(parseEnv(routerEnvSchema, { ...required, ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS: '0' }).ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS).toBe(0);
    expect(() => parseEnv(routerEnvSchema, { ...required, ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS: '61' })).toThrow(/ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS/);
  });
});
