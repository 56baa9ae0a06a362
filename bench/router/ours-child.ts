/**
 * Process 1: our router (router/src), configured as startEmbedded configures it, with the rate
 * limit lifted and request logs below the log level. `ours` shares no in-flight subgraph fetches
 * (the same work as `hive`); `ours-dedup` (BENCH_OURS_DEDUP=1) runs with the default, sharing
 * identical in-flight queries, the counterpart of `hive-dedup`.
 */
import { createInternalTokenMinter } from '@shop/auth';
import { createRemoteAccessTokenVerifier, startRouter } from '@shop/router';
import { benchLogger, serveChild } from './child';
import { benchEnv } from './env';
import { accessTokenAudience, accessTokenIssuer, readGatewayInputs } from './inputs';

serveChild(async () => {
  const inputs = readGatewayInputs();
  const router = await startRouter({
    supergraphSdl: inputs.supergraphSdl,
    subgraphUrls: inputs.subgraphUrls,
    accessTokens: createRemoteAccessTokenVerifier({ jwksUrl: inputs.jwksUrl, issuer: accessTokenIssuer, audience: accessTokenAudience }),
    internalTokens: createInternalTokenMinter({ privateKey: inputs.keys.internal.privateKey }),
    logger: benchLogger('router'),
    port: 0,
    host: '127.0.0.1',
    production: false,
    rateLimit: { max: 0 },
    shareInFlightQueries: benchEnv.BENCH_OURS_DEDUP === '1',
  });
  return { info: { url: `http://127.0.0.1:${router.port}/graphql` }, stop: router.stop };
});
