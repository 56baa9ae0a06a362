import { composeServices } from '@apollo/composition';
import { createClient, type Client } from 'graphql-ws';
import { createLocalJWKSet } from 'jose';
import WebSocket from 'ws';
import {
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  createInternalTokenMinter,
  createInternalTokenVerifier,
  generateInternalKeyPair,
  generateSigningKey,
  publicJwks,
} from '@shop/auth';
import { startRouter, type RouterOptions } from '@shop/router';
import { createLogger, startSubgraph, type RunningSubgraph } from '@shop/subgraph-kit';
import { catalogFixture } from '../fixtures/catalog-fixture';
import { reviewsFixture } from '../fixtures/reviews-fixture';

const issuer = 'commerce-supergraph';
const audience = 'commerce-supergraph';

/**
 * Two fixture subgraphs (reviews owns a Subscription field, catalog owns Product) composed with
 * Apollo composition and served by the real router, plus graphql-ws clients for it.
 */
export async function startSubscriptionShop() {
  const logger = createLogger('subscriptions-e2e', 'silent');
  const internal = await generateInternalKeyPair();
  const signingKey = await generateSigningKey();
  const reviews = reviewsFixture();
  const subgraphs: RunningSubgraph[] = [];
  for (const fixture of [reviews.module, catalogFixture]) {
    subgraphs.push(
      await startSubgraph({
        ...fixture,
        port: 0,
        logger,
        internalTokens: createInternalTokenVerifier({ publicKey: internal.publicKey, audience: fixture.name }),
      }),
    );
  }
  const composed = composeServices(
    [reviews.module, catalogFixture].map((fixture, i) => ({ name: fixture.name, url: subgraphs[i]!.url, typeDefs: fixture.typeDefs })),
  );
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));

  const routerOptions: RouterOptions = {
    supergraphSdl: composed.supergraphSdl,
    accessTokens: createAccessTokenVerifier({ jwks: createLocalJWKSet(publicJwks([signingKey.publicJwk])), issuer, audience }),
    internalTokens: createInternalTokenMinter({ privateKey: internal.privateKey }),
    logger,
    port: 0,
    host: '127.0.0.1',
    production: false,
  };
  const startOwnRouter = (overrides: Partial<RouterOptions> = {}) => startRouter({ ...routerOptions, ...overrides });
  const router = await startOwnRouter();
  const tokens = createAccessTokenIssuer({ privateJwk: signingKey.privateJwk, issuer, audience });
  const clients: Client[] = [];

  return {
    reviews,
    router,
    /** The reviews subgraph's own address, to prove it cannot be reached around the router. */
    reviewsUrl: subgraphs[0]!.url,
    mintInternalToken: (audience: string) => routerOptions.internalTokens.mint({ audience, userId: null, roles: [] }),
    startOwnRouter,
    accessToken: async (userId: string) => (await tokens.issue({ sub: userId, roles: ['CUSTOMER'] })).token,
    /** A graphql-ws client of `url` (default: the shared router), disposed by `stop()`. */
    client(connectionParams: Record<string, unknown> = {}, url = router.url) {
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.dispose()));
      await router.stop();
      await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
      await reviews.close();
    },
  };
}

export type SubscriptionShop = Awaited<ReturnType<typeof startSubscriptionShop>>;
