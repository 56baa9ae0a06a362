import { createAccessTokenIssuer, publicJwks } from '@shop/auth';
import { startOutboxRelay } from '@shop/events';
import { subgraphSources, type RouteHandler, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { resolvers } from './resolvers';
import type { AccountTokenTtls } from './services/account-token.service';
import type { LoginThrottleOptions } from './services/login-throttle.service';
import { createUsers } from './users';

const { typeDefs, migrations } = subgraphSources('users', import.meta.url);

export interface UsersConfig {
  /** ES256 private JWKs; the first signs new tokens, all are published for verification. */
  signingKeys: Array<Record<string, unknown>>;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Back-off for failed logins; counters live in the platform cache (Redis in services mode). */
  loginThrottle?: LoginThrottleOptions;
  /** Lifetimes of the one-time tokens mailed for password reset and e-mail verification. */
  accountTokens?: AccountTokenTtls;
  /** An admin account ensured at start (created with this password if missing, else promoted). */
  admin?: { email: string; password: string; name: string };
}

/**
 * Wires stores -> services -> resolvers and starts the outbox relay; the caller starts the HTTP
 * server and calls `stop()` on shutdown.
 */
async function create(config: UsersConfig, { database, transport, cache, logger }: SubgraphPlatform) {
  const [activeKey] = config.signingKeys;
  if (!activeKey) throw new Error('users: at least one access-token signing key is required');
  const issuer = await createAccessTokenIssuer({
    privateJwk: activeKey,
    issuer: config.issuer,
    audience: config.audience,
    ttlSeconds: config.accessTokenTtlSeconds,
  });
  const jwks = JSON.stringify(await publicJwks(config.signingKeys));
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const options = { issuer, refreshTokenTtlSeconds: config.refreshTokenTtlSeconds, loginThrottle: config.loginThrottle, accountTokens: config.accountTokens };
  const { services } = createUsers(database.db, cache, options, () => relay.wake());
  if (config.admin) await services.accounts.ensureAdmin(config.admin);

  const publishJwks: RouteHandler = (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'public, max-age=300');
    res.end(jwks);
  };

  return {
    resolvers: resolvers(services),
    readiness: { database: () => database.ping() },
    routes: { '/.well-known/jwks.json': publishJwks },
    stop: () => relay.stop(),
  };
}

/** The users subgraph: accounts, sessions and the keys that sign access tokens. */
export const usersModule: SubgraphModule<UsersConfig> = { name: 'users', typeDefs, migrations, create };
