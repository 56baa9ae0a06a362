import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet } from 'jose';
import {
  createAccessTokenVerifier,
  createInternalTokenMinter,
  createInternalTokenVerifier,
  publicJwks,
} from '@shop/auth';
import { openDatabase, runMigrations } from '@shop/db';
import { LocalTransport } from '@shop/events';
import { startRouter } from '@shop/router';
import { startSubgraph, type Logger, type RunningSubgraph } from '@shop/subgraph-kit';
import * as users from '@shop/users';
import { subgraphs } from '../schema/subgraphs';
import { loadOrCreateKeys } from './embedded-keys';

export interface EmbeddedOptions {
  /** Keeps PGlite data and keys; omit for a throwaway in-memory shop (tests). */
  dataDir?: string;
  routerPort: number;
  /** Fixed ports from schema/subgraphs.ts, or free ones (tests running side by side). */
  subgraphPorts: 'fixed' | 'random';
  logger: Logger;
}

export interface RunningEmbedded {
  routerUrl: string;
  subgraphs: Record<string, RunningSubgraph>;
  stop(): Promise<void>;
}

const issuer = 'commerce-supergraph';
const audience = 'commerce-supergraph';

/**
 * The whole supergraph in one process: every subgraph on its own port with real HTTP between
 * router and subgraphs, one PGlite database (a Postgres schema per subgraph).
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<RunningEmbedded> {
  const keys = await loadOrCreateKeys(options.dataDir);
  const database = await openDatabase({ driver: 'pglite', ...(options.dataDir ? { dataDir: join(options.dataDir, 'pglite') } : {}) });
  const portOf = (name: string) =>
    options.subgraphPorts === 'random' ? 0 : (subgraphs.find((s) => s.name === name)?.port ?? 0);
  const verifierFor = (name: string) => createInternalTokenVerifier({ publicKey: keys.internal.publicKey, audience: name });
  const childLogger = (name: string) => options.logger.child({ service: name });

  const transport = new LocalTransport({ logger: childLogger('events') });
  const platform = (name: string) => ({ database, transport, logger: childLogger(name) });

  await runMigrations(database, users.migrations);
  const { stop: stopUsers, ...usersParts } = await users.createUsersSubgraph(
    {
      signingKeys: keys.accessTokenSigningKeys,
      issuer,
      audience,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 24 * 3600,
    },
    platform('users'),
  );
  const running: Record<string, RunningSubgraph> = {
    users: await startSubgraph({ ...usersParts, port: portOf('users'), internalTokens: verifierFor('users'), logger: childLogger('users') }),
  };

  const router = await startRouter({
    supergraphSdl: readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'),
    subgraphUrls: Object.fromEntries(Object.values(running).map((s) => [s.name, s.url])),
    accessTokens: createAccessTokenVerifier({
      jwks: createLocalJWKSet(await publicJwks(keys.accessTokenSigningKeys)),
      issuer,
      audience,
    }),
    internalTokens: createInternalTokenMinter({ privateKey: keys.internal.privateKey }),
    logger: childLogger('router'),
    port: options.routerPort,
    production: false,
  });

  return {
    routerUrl: router.url,
    subgraphs: running,
    stop: async () => {
      await router.stop();
      await Promise.all(Object.values(running).map((s) => s.stop()));
      await stopUsers();
      await transport.close();
      await database.close();
    },
  };
}
