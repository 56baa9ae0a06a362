import { readFileSync } from 'node:fs';
import { createInternalTokenMinter } from '@shop/auth';
import { createCache } from '@shop/cache';
import { createLogger, stopOnSignals } from '@shop/subgraph-kit';
import { startRouter } from './create-router';
import { loadRouterEnv } from './env';
import { routerOptionsFromEnv } from './options-from-env';
import { createRemoteAccessTokenVerifier } from './remote-access-tokens';

const env = loadRouterEnv();
const logger = createLogger('router', env.LOG_LEVEL);
const cache = createCache(
  env.CACHE_DRIVER === 'redis' ? { kind: 'redis', url: env.REDIS_URL ?? '', keyPrefix: 'router' } : { kind: 'memory', keyPrefix: 'router' },
);
const router = await startRouter({
  ...routerOptionsFromEnv(env),
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
  accessTokens: createRemoteAccessTokenVerifier({
    jwksUrl: env.JWKS_URL,
    issuer: env.ACCESS_TOKEN_ISSUER,
    audience: env.ACCESS_TOKEN_AUDIENCE,
    clockToleranceSeconds: env.ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS,
    cooldownMs: env.JWKS_COOLDOWN_MS,
    cacheMaxAgeMs: env.JWKS_CACHE_MAX_AGE_MS,
    timeoutMs: env.JWKS_TIMEOUT_MS,
  }),
  internalTokens: createInternalTokenMinter({ privateKey: env.INTERNAL_TOKEN_PRIVATE_KEY }),
  cache,
  logger,
});
logger.info({ url: router.url }, 'router listening');
// Run last-first: HTTP drains before the cache it uses is closed.
stopOnSignals(logger, [() => cache.close(), () => router.stop()]);
