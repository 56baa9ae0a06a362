import { composeServices } from '@apollo/composition';
import {
  createAccessTokenIssuer,
  createInternalTokenMinter,
  createInternalTokenVerifier,
  generateInternalKeyPair,
  generateSigningKey,
  type SigningKey,
} from '@shop/auth';
import { createRemoteAccessTokenVerifier, startRouter, type RemoteAccessTokenOptions, type RouterOptions } from '@shop/router';
import { createLogger, startSubgraph } from '@shop/subgraph-kit';
import { graphqlClient, type RequestOptions } from '@shop/testkit';
import { startJwksServer } from './jwks-server';
import { probeSubgraph } from './probe-subgraph';

export const issuer = 'commerce-supergraph';
export const audience = 'commerce-supergraph';

/** The probe subgraph's fields, as far as tests read them. */
export interface ProbeData {
  viewer?: { userId: string | null; roles?: string[] } | null;
  items?: Array<{ id: string; next?: { id: string } | null }>;
  slow?: string | null;
  broken?: string | null;
  guestKey?: string | null;
}

export interface ProbeRouterOptions extends Partial<Omit<RouterOptions, 'accessTokens'>> {
  jwks?: Pick<RemoteAccessTokenOptions, 'cooldownMs' | 'cacheMaxAgeMs'>;
}

/**
 * The real router over the probe fixture subgraph (composed with Apollo composition), verifying
 * access tokens against a JWKS served over HTTP by the test, as the users subgraph serves it.
 */
export async function startProbeRouter(options: ProbeRouterOptions = {}) {
  const { jwks: jwksOptions, ...overrides } = options;
  const logger = createLogger('security-e2e', 'silent');
  const internal = await generateInternalKeyPair();
  const signingKey = await generateSigningKey();
  const jwks = await startJwksServer([signingKey.publicJwk]);
  const subgraph = await startSubgraph({
    ...probeSubgraph,
    port: 0,
    logger,
    internalTokens: createInternalTokenVerifier({ publicKey: internal.publicKey, audience: probeSubgraph.name }),
  });
  const composed = composeServices([{ name: probeSubgraph.name, url: subgraph.url, typeDefs: probeSubgraph.typeDefs }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const router = await startRouter({
    supergraphSdl: composed.supergraphSdl,
    accessTokens: createRemoteAccessTokenVerifier({ jwksUrl: jwks.url, issuer, audience, ...jwksOptions }),
    internalTokens: createInternalTokenMinter({ privateKey: internal.privateKey }),
    logger,
    port: 0,
    host: '127.0.0.1',
    production: false,
    ...overrides,
  });
  const tokenFor = async (userId: string, key: SigningKey = signingKey) =>
    (await createAccessTokenIssuer({ privateJwk: key.privateJwk, issuer, audience }).issue({ sub: userId, roles: ['CUSTOMER'] })).token;

  const client = graphqlClient(router.url);
  return {
    router,
    url: router.url,
    /** Runs a query string through the router (the typed client, without generated documents). */
    query: (query: string, variables: Record<string, unknown> = {}, requestOptions: RequestOptions = {}) =>
      client<ProbeData, Record<string, unknown>>(query, variables, requestOptions),
    jwks,
    signingKey,
    tokenFor,
    /** A raw POST with a JSON body, for requests the typed client cannot make. */
    post: (body: unknown, headers: Record<string, string> = {}) =>
      fetch(router.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    async stop() {
      await router.stop();
      await subgraph.stop();
      await jwks.close();
    },
  };
}

export type ProbeRouter = Awaited<ReturnType<typeof startProbeRouter>>;
