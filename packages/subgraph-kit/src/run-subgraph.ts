import { createInternalTokenVerifier } from '@shop/auth';
import { createCache, createPubSub, type CacheConfig } from '@shop/cache';
import { databaseConfigFromEnv, openDatabase, runMigrations } from '@shop/db';
import { createTransport, transportConfigFromEnv } from '@shop/events';
import type { PlatformEnv } from './env';
import { createLogger } from './logger';
import { stopOnSignals } from './shutdown';
import { startSubgraph } from './start-subgraph';
import type { SubgraphModule } from './subgraph-module';

function cacheConfig(env: PlatformEnv, keyPrefix: string): CacheConfig {
  if (env.CACHE_DRIVER === 'memory') return { kind: 'memory', keyPrefix };
  if (!env.REDIS_URL) throw new Error('REDIS_URL is required when CACHE_DRIVER=redis');
  return { kind: 'redis', url: env.REDIS_URL, keyPrefix };
}

/** `<main> migrate`: applies the subgraph's pending migrations and exits (one job per deploy). */
export async function migrateSubgraph(module: SubgraphModule<never>, env: PlatformEnv): Promise<void> {
  const database = await openDatabase(databaseConfigFromEnv(env));
  try {
    await runMigrations(database, module.migrations);
  } finally {
    await database.close();
  }
}

/**
 * Services mode: one subgraph in its own process. Migrations are not applied here (`npm run
 * migrate` does that once per deploy); SIGTERM drains HTTP, then stops background work.
 */
export async function runSubgraph<TConfig>(module: SubgraphModule<TConfig>, config: TConfig, env: PlatformEnv): Promise<void> {
  const logger = createLogger(module.name, env.LOG_LEVEL);
  const database = await openDatabase(databaseConfigFromEnv(env));
  const transport = createTransport(transportConfigFromEnv(env), logger);
  const cache = createCache(cacheConfig(env, module.name));
  const pubsub = createPubSub(cacheConfig(env, module.name));
  const { stop, ...parts } = await module.create(config, { database, transport, cache, pubsub, logger });
  const server = await startSubgraph({
    ...parts,
    name: module.name,
    typeDefs: module.typeDefs,
    port: env.PORT,
    host: env.HOST,
    logger,
    internalTokens: createInternalTokenVerifier({ publicKey: env.INTERNAL_TOKEN_PUBLIC_KEY, audience: module.name }),
  });
  // stopOnSignals runs these last-first: HTTP, background work, then the connections they use.
  stopOnSignals(logger, [
    () => database.close(),
    () => transport.close(),
    () => cache.close(),
    () => pubsub.close(),
    async () => stop?.(),
    () => server.stop(),
  ]);
}
