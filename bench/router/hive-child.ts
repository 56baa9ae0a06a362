/**
 * Process 2: Hive Gateway (@graphql-hive/gateway's runtime on node:http) over the same supergraph
 * and the same subgraph processes. Each subgraph request gets an internal token minted with the
 * router's key for that subgraph, exactly as our router sends it, so both gateways do the same work.
 */
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { createInternalTokenMinter } from '@shop/auth';
import { INTERNAL_TOKEN_HEADER } from '@shop/subgraph-kit';
import { listenOnLoopback, serveChild } from './child';
import { readGatewayInputs } from './inputs';
import { benchEnv } from './env';

// Hive's fetch adds an abort listener per subgraph request to a shared signal; under load node
// prints a MaxListenersExceededWarning for it (noise, not a leak: they are removed per request).
setMaxListeners(0);

serveChild(async () => {
  const inputs = readGatewayInputs();
  const minter = createInternalTokenMinter({ privateKey: inputs.keys.internal.privateKey });
  const gateway = createGatewayRuntime({
    supergraph: inputs.supergraphSdl,
    // The subgraphs listen on the ports run.ts was given, not the supergraph's defaults. Hive
    // deduplicates identical in-flight subgraph queries by default (our router does not): off
    // for the like-for-like row, on (BENCH_HIVE_DEDUP=1) for the "Hive as shipped" row.
    transportEntries: Object.fromEntries(
      Object.entries(inputs.subgraphUrls).map(([name, url]) => [
        name,
        { location: url, options: { deduplicateInflightRequests: benchEnv.BENCH_HIVE_DEDUP === '1' } },
      ]),
    ),
    propagateHeaders: {
      // Anonymous storefront traffic: the same claims our router mints for a request without a token.
      fromClientToSubgraphs: async ({ subgraphName }) => ({
        [INTERNAL_TOKEN_HEADER]: await minter.mint({ audience: subgraphName, userId: null, roles: [] }),
      }),
    },
    logging: benchEnv.BENCH_LOG_LEVEL as 'warn',
    graphiql: false,
    landingPage: false,
  });
  const server = createServer(gateway);
  const listening = await listenOnLoopback(server);
  return {
    info: { url: listening.url },
    stop: async () => {
      await listening.close();
      await gateway.dispose();
    },
  };
});
