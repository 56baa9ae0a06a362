import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import type { Cache, PubSub } from '@shop/cache';
import type { DatabaseHandle, MigrationTarget } from '@shop/db';
import type { EventTransport } from '@shop/events';
import type { Logger } from 'pino';
import type { RouteHandler } from './start-subgraph';

/** Everything outside a subgraph that it may use, built once per process from configuration. */
export interface SubgraphPlatform {
  database: DatabaseHandle;
  transport: EventTransport;
  /** Keys are prefixed with the subgraph's name. */
  cache: Cache;
  pubsub: PubSub;
  logger: Logger;
}

/** What a subgraph contributes to its HTTP server, plus the background work it started. */
export interface SubgraphParts {
  // Each subgraph types its map with its generated `Resolvers`; Apollo accepts any map.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: any;
  readiness?: Record<string, () => Promise<void>>;
  routes?: Record<string, RouteHandler>;
  /** Stops relays and consumers; called after the HTTP server has drained. */
  stop?: () => Promise<void>;
}

/**
 * A subgraph as a plain fixture: name, SDL, migrations and a factory. The same module runs alone
 * in services mode (`runSubgraph`) or beside the others in the embedded process.
 */
export interface SubgraphModule<TConfig = Record<string, never>> {
  name: string;
  typeDefs: DocumentNode;
  migrations: MigrationTarget;
  create(config: TConfig, platform: SubgraphPlatform): Promise<SubgraphParts>;
}

/**
 * A subgraph's SDL and migrations where every subgraph folder keeps them: `schema.graphql` and
 * `db/migrations` beside the module at `moduleUrl` (its `import.meta.url`), in the Postgres
 * schema named after the subgraph.
 */
export function subgraphSources(name: string, moduleUrl: string): Pick<SubgraphModule, 'typeDefs' | 'migrations'> {
  return {
    typeDefs: parse(readFileSync(fileURLToPath(new URL('./schema.graphql', moduleUrl)), 'utf8')),
    migrations: { schema: name, migrationsFolder: fileURLToPath(new URL('./db/migrations', moduleUrl)) },
  };
}
