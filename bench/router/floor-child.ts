/**
 * Process 3, the floor: every subgraph module created as startEmbedded creates it (same stores,
 * same PGlite data, migrations, events), but no subgraph servers and no gateway: one Apollo Server
 * (the same server and HTTP handler our router uses, without federation) over the merged schema
 * of merged-schema.ts. Its memory is therefore the whole shop in one process.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { MemoryCache, MemoryPubSub } from '@shop/cache';
import { openDatabase, runMigrations } from '@shop/db';
import { LocalTransport } from '@shop/events';
import { handleGraphQLHttp, sendJsonError } from '@shop/subgraph-kit';
import { loadOrCreateKeys } from '../../scripts/embedded-keys';
import { embeddedSubgraphs } from '../../scripts/subgraph-modules';
import { benchLogger, listenOnLoopback, serveChild } from './child';
import { accessTokenAudience, accessTokenIssuer, apiSchemaPath, supergraphPath } from './inputs';
import { buildMergedSchema, floorContext, type FloorContext } from './merged-schema';
import { benchEnv } from './env';
import { openSubgraphDatabase, subgraphDatabaseUrls } from './subgraph-databases';

serveChild(async () => {
  const dataDir = benchEnv.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
  const logger = benchLogger('floor');
  const keys = await loadOrCreateKeys(dataDir);
  const databaseUrls = subgraphDatabaseUrls();
  const shared = databaseUrls ? undefined : await openDatabase({ driver: 'pglite', dataDir: `${dataDir}/pglite` });
  const transport = new LocalTransport({ logger: logger.child({ service: 'events' }) });
  const resolvers: Record<string, Record<string, unknown>> = {};
  const cleanups: Array<() => Promise<void>> = [];
  for (const { module, config } of embeddedSubgraphs({ keys, issuer: accessTokenIssuer, audience: accessTokenAudience })) {
    const cache = new MemoryCache({ keyPrefix: module.name });
    const pubsub = new MemoryPubSub({ keyPrefix: module.name });
    const database = shared ?? (await openSubgraphDatabase(databaseUrls!, module.name));
    await runMigrations(database, module.migrations);
    const parts = await module.create(config, { database, transport, cache, pubsub, logger: logger.child({ service: module.name }) });
    resolvers[module.name] = parts.resolvers as Record<string, unknown>;
    cleanups.push(async () => {
      await parts.stop?.();
      await cache.close();
      await pubsub.close();
      if (database !== shared) await database.close();
    });
  }
  const schema = buildMergedSchema({
    apiSdl: readFileSync(apiSchemaPath, 'utf8'),
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    resolvers,
    logger,
  });
  const apollo = new ApolloServer<FloorContext>({ schema, logger, stopOnTerminationSignals: false, includeStacktraceInErrorResponses: false });
  await apollo.start();
  const server = createServer((req, res) => {
    handleGraphQLHttp(apollo, req, res, async () => floorContext()).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    info: { url: listening.url },
    stop: async () => {
      await listening.close();
      await apollo.stop();
      for (const cleanup of cleanups) await cleanup();
      await transport.close();
      await shared?.close();
    },
  };
});
