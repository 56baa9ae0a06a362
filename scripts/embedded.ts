import { readFileSync } from 'node:fs';
import { createInternalTokenMinter, createInternalTokenVerifier } from '@shop/auth';
import { MemoryCache, MemoryPubSub, type PubSub } from '@shop/cache';
import { openDatabase, runMigrations, type DatabaseHandle, type QueryObserver } from '@shop/db';
import { LocalTransport, type EventTransport } from '@shop/events';
import { createExplorer } from '@shop/explorer';
import { createRemoteAccessTokenVerifier, startRouter, type RouterOptions } from '@shop/router';
import { startSubgraph, type Logger, type RunningSubgraph } from '@shop/subgraph-kit';
import type { SubgraphName } from '../schema/subgraphs';
import { loadOrCreateKeys } from './embedded-keys';
import { storefrontQuery } from './storefront-query';
import { embeddedSubgraphs, type SubgraphConfigs } from './subgraph-modules';

export interface EmbeddedOptions {
  /** Keeps PGlite data and keys; omit for a throwaway in-memory shop (tests). */
  dataDir?: string;
  routerPort: number;
  /** Fixed ports from schema/subgraphs.ts, or free ones (tests running side by side). */
  subgraphPorts: 'fixed' | 'random';
  logger: Logger;
  /** Test hooks: every SQL statement, and every request the router sends a subgraph. */
  observe?: { onQuery?: QueryObserver; onSubgraphRequest?: (subgraph: string) => void };
  /** Router limits and the like (e.g. a benchmark lifting the rate limit); defaults otherwise. */
  router?: Partial<Omit<RouterOptions, 'supergraphSdl' | 'subgraphUrls' | 'accessTokens' | 'internalTokens'>>;
  /**
   * Real servers instead of PGlite and in-process events, as services mode wires them: a database
   * per subgraph, Kafka, Redis pub/sub (end-to-end tests of the saga). Closed by `stop()`.
   */
  servers?: { database(subgraph: string): Promise<DatabaseHandle>; transport: EventTransport; pubsub(subgraph: string): PubSub };
  /** Settings laid over a subgraph's embedded configuration, by subgraph name (e.g. a short stock hold in a test). */
  subgraphConfig?: { [Name in SubgraphName]?: Partial<SubgraphConfigs[Name]> };
}

export interface RunningEmbedded {
  routerUrl: string;
  admin: { email: string; password: string };
  subgraphs: Record<string, RunningSubgraph>;
  stop(): Promise<void>;
}

const issuer = 'commerce-supergraph';
const audience = 'commerce-supergraph';

/**
 * The whole supergraph in one process: every subgraph on its own port with real HTTP between
 * router and subgraphs, one PGlite database (a Postgres schema per subgraph), the in-process
 * event transport and in-memory cache.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<RunningEmbedded> {
  const keys = await loadOrCreateKeys(options.dataDir);
  // One PGlite for every subgraph, unless each has a server database of its own.
  const embeddedDatabase = options.servers
    ? undefined
    : await openDatabase({
        driver: 'pglite',
        ...(options.dataDir ? { dataDir: `${options.dataDir}/pglite` } : {}),
        ...(options.observe?.onQuery ? { onQuery: options.observe.onQuery } : {}),
      });
  const transport = options.servers?.transport ?? new LocalTransport({ logger: options.logger.child({ service: 'events' }) });
  const running: Record<string, RunningSubgraph> = {};
  const cleanups: Array<() => Promise<void>> = [];

  for (const { name, port: fixedPort, module, config } of embeddedSubgraphs({
    keys,
    issuer,
    audience,
    ...(options.dataDir ? { mailDirectory: `${options.dataDir}/mail` } : {}),
  })) {
    const logger = options.logger.child({ service: module.name });
    const cache = new MemoryCache({ keyPrefix: module.name });
    const pubsub = options.servers?.pubsub(module.name) ?? new MemoryPubSub({ keyPrefix: module.name });
    const database = embeddedDatabase ?? (await options.servers!.database(module.name));
    await runMigrations(database, module.migrations);
    const settings = { ...(config as object), ...options.subgraphConfig?.[name] };
    const { stop, ...parts } = await module.create(settings, { database, transport, cache, pubsub, logger });
    const port = options.subgraphPorts === 'random' ? 0 : fixedPort;
    const onSubgraphRequest = options.observe?.onSubgraphRequest;
    running[module.name] = await startSubgraph({
      ...parts,
      ...(onSubgraphRequest ? { onGraphQLRequest: () => onSubgraphRequest(module.name) } : {}),
      name: module.name,
      typeDefs: module.typeDefs,
      port,
      logger,
      internalTokens: createInternalTokenVerifier({ publicKey: keys.internal.publicKey, audience: module.name }),
    });
    cleanups.push(async () => {
      await stop?.();
      await cache.close();
      await pubsub.close();
      if (database !== embeddedDatabase) await database.close();
    });
  }

  const router = await startRouter({
    supergraphSdl: readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'),
    subgraphUrls: Object.fromEntries(Object.values(running).map((s) => [s.name, s.url])),
    // Same path as services mode: the users subgraph's published JWKS, over HTTP.
    accessTokens: createRemoteAccessTokenVerifier({ jwksUrl: new URL('/.well-known/jwks.json', running.users!.url).href, issuer, audience }),
    internalTokens: createInternalTokenMinter({ privateKey: keys.internal.privateKey }),
    logger: options.logger.child({ service: 'router' }),
    port: options.routerPort,
    production: false,
    // A front end on any local dev server may call it; `router.cors` replaces this.
    cors: { origins: [], localOrigins: true },
    // GraphiQL bundled from node_modules: Apollo Sandbox needs Apollo's CDN (still at `?sandbox`).
    explorer: createExplorer({ defaultQuery: storefrontQuery }),
    ...options.router,
  });

  return {
    routerUrl: router.url,
    admin: { email: keys.admin.email, password: keys.admin.password },
    subgraphs: running,
    stop: async () => {
      await router.stop();
      await Promise.all(Object.values(running).map((s) => s.stop()));
      for (const cleanup of cleanups) await cleanup();
      await transport.close();
      await embeddedDatabase?.close();
    },
  };
}
