import { MemoryPubSub } from '@shop/cache';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { LocalTransport } from '@shop/events';
import { createTestDatabase, type TestDatabase } from '@shop/testkit';
import { allModules } from '../../scripts/subgraph-modules';
import { benchEnv } from './env';

/** Postgres mode: one fresh database per subgraph on the test server (the parent creates and drops them). */
export async function createSubgraphDatabases(): Promise<{ urls: Record<string, string>; drop(): Promise<void> }> {
  const databases: Array<[string, TestDatabase]> = [];
  try {
    for (const module of Object.values(allModules)) databases.push([module.name, await createTestDatabase(`bench_${module.name}`)]);
  } catch (error) {
    await Promise.all(databases.map(([, database]) => database.drop()));
    throw new Error(`no test PostgreSQL server: run \`npm run servers:up\` first, or BENCH_SUBGRAPH_DB=pglite (${(error as Error).message})`);
  }
  return {
    urls: Object.fromEntries(databases.map(([name, database]) => [name, database.url])),
    drop: async () => void (await Promise.all(databases.map(([, database]) => database.drop()))),
  };
}

/** In a child: the subgraph's PostgreSQL database when the parent gave URLs, else undefined (PGlite). */
export function subgraphDatabaseUrls(): Record<string, string> | undefined {
  return benchEnv.BENCH_DATABASE_URLS ? (JSON.parse(benchEnv.BENCH_DATABASE_URLS) as Record<string, string>) : undefined;
}

export const openSubgraphDatabase = (urls: Record<string, string>, subgraph: string): Promise<DatabaseHandle> => {
  const url = urls[subgraph];
  if (!url) throw new Error(`no database URL for subgraph ${subgraph}`);
  return openDatabase({ driver: 'postgres', url, maxConnections: 10 });
};

/** `startEmbedded({ servers })` for postgres mode: server databases, events and pushes in-process. */
export const postgresServers = (urls: Record<string, string>) => ({
  database: (subgraph: string) => openSubgraphDatabase(urls, subgraph),
  transport: new LocalTransport(),
  pubsub: (subgraph: string) => new MemoryPubSub({ keyPrefix: subgraph }),
});
