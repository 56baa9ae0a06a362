import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createInternalTokenMinter, createInternalTokenVerifier, generateInternalKeyPair } from '@shop/auth';
import { MemoryCache, MemoryPubSub, type Cache, type PubSub } from '@shop/cache';
import { openDatabase, runMigrations, type DatabaseHandle } from '@shop/db';
import { KafkaTransport, LocalTransport, type EventTransport } from '@shop/events';
import { createLogger, startSubgraph, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { fastKafkaConsumer, testKafkaBrokers, uniqueKafkaName } from './kafka';
import { createTestDatabase } from './postgres';

export type HarnessBackend = 'pglite' | 'postgres';

export interface Caller {
  userId?: string | null;
  roles?: string[];
  /** The client address the router would sign in (`cip`). */
  clientIp?: string;
  /** A guest's key (`cartTokenKey` of its cart token) the router would sign in (`gst`). */
  guestKey?: string;
}

export interface HarnessResponse<TData> {
  data?: TData;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface SubgraphHarness {
  url: string;
  platform: SubgraphPlatform;
  /**
   * POSTs a GraphQL operation straight to the subgraph as `caller` (anonymous by default): a typed
   * document from the subgraph's tests/__generated__ (`npm run codegen`), or a query string.
   */
  call<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, caller?: Caller): Promise<HarnessResponse<TData>>;
  call<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<HarnessResponse<T>>;
  /** A fresh internal token for this subgraph as `caller` (graphql-ws `connection_init { internalToken }`). */
  internalToken(caller?: Caller): Promise<string>;
  stop(): Promise<void>;
}

export interface HarnessOptions<TConfig> {
  module: SubgraphModule<TConfig>;
  config: TConfig;
  /** `pglite`: in-memory embedded database; `postgres`: a fresh database on the real test server. */
  backend: HarnessBackend;
  /** Events through real Kafka (`kafka`) or in process (`local`). @default 'local' */
  transport?: 'local' | 'kafka';
  /** Shares a transport between several harnesses (a producer and a consumer subgraph). */
  sharedTransport?: EventTransport;
  /**
   * Shares a pub/sub between several harnesses (replicas of one subgraph: one consumes, another
   * holds the subscriber). The caller closes it. @default a MemoryPubSub of this harness
   */
  sharedPubSub?: PubSub;
  /** Shares a cache (e.g. a RedisCache) between replicas; the caller closes it. @default a MemoryCache of this harness */
  sharedCache?: Cache;
}

/**
 * Runs one subgraph module exactly as production wires it (migrations, platform, HTTP server with
 * the internal-token check), so subgraph tests exercise the real stack on both databases.
 */
export async function startSubgraphHarness<TConfig>(options: HarnessOptions<TConfig>): Promise<SubgraphHarness> {
  const { module } = options;
  const testDb = options.backend === 'postgres' ? await createTestDatabase(module.name) : null;
  const database: DatabaseHandle = testDb
    ? await openDatabase({ driver: 'postgres', url: testDb.url, maxConnections: 20 })
    : await openDatabase({ driver: 'pglite' });
  await runMigrations(database, module.migrations);
  const ownTransport = options.sharedTransport
    ? null
    : options.transport === 'kafka'
      ? new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName(module.name), consumer: fastKafkaConsumer })
      : new LocalTransport();
  const transport = options.sharedTransport ?? ownTransport!;
  const logger = createLogger(`${module.name}-test`, 'silent');
  const platform: SubgraphPlatform = {
    database,
    transport,
    cache: options.sharedCache ?? new MemoryCache({ keyPrefix: module.name }),
    pubsub: options.sharedPubSub ?? new MemoryPubSub({ keyPrefix: module.name }),
    logger,
  };
  const keys = await generateInternalKeyPair();
  const minter = createInternalTokenMinter({ privateKey: keys.privateKey });
  const internalToken = (caller: Caller = {}) =>
    minter.mint({
      audience: module.name,
      userId: caller.userId ?? null,
      roles: caller.roles ?? [],
      ...(caller.clientIp ? { clientIp: caller.clientIp } : {}),
      ...(caller.guestKey ? { guestKey: caller.guestKey } : {}),
    });
  const { stop, ...parts } = await module.create(options.config, platform);
  const server = await startSubgraph({
    ...parts,
    name: module.name,
    typeDefs: module.typeDefs,
    port: 0,
    logger,
    internalTokens: createInternalTokenVerifier({ publicKey: keys.publicKey, audience: module.name }),
  });

  return {
    url: server.url,
    platform,
    async call(document: TypedDocumentNode<unknown, unknown> | string, variables: unknown = {}, caller: Caller = {}) {
      const token = await internalToken(caller);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-token': token },
        body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
      });
      return response.json() as never;
    },
    internalToken,
    async stop() {
      await server.stop();
      await stop?.();
      if (!options.sharedCache) await platform.cache.close();
      if (!options.sharedPubSub) await platform.pubsub.close();
      await ownTransport?.close();
      await database.close();
      await testDb?.drop();
    },
  };
}
