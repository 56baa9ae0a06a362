import { readFileSync } from 'node:fs';
import { createRemoteJWKSet } from 'jose';
import { createAccessTokenVerifier, createInternalTokenMinter } from '@shop/auth';
import { createLogger, stopOnSignals } from '@shop/subgraph-kit';
import { startRouter } from './create-router';
import { loadRouterEnv } from './env';

const env = loadRouterEnv();
const logger = createLogger('router', env.LOG_LEVEL);
const router = await startRouter({
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
  ...(env.SUBGRAPH_URLS ? { subgraphUrls: env.SUBGRAPH_URLS } : {}),
  accessTokens: createAccessTokenVerifier({
    jwks: createRemoteJWKSet(new URL(env.JWKS_URL)),
    issuer: env.ACCESS_TOKEN_ISSUER,
    audience: env.ACCESS_TOKEN_AUDIENCE,
  }),
  internalTokens: createInternalTokenMinter({ privateKey: env.INTERNAL_TOKEN_PRIVATE_KEY }),
  logger,
  port: env.ROUTER_PORT,
  host: env.ROUTER_HOST,
  production: env.NODE_ENV === 'production',
});
logger.info({ url: router.url }, 'router listening');
stopOnSignals(logger, [() => router.stop()]);
