import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { createAccessTokenIssuer, publicJwks } from '@shop/auth';
import { transactor, type Executor, type MigrationTarget } from '@shop/db';
import { appendToOutbox, startOutboxRelay, userEmailVerificationRequested, userEmailVerified, userPasswordChanged, userPasswordResetRequested, userRegistered } from '@shop/events';
import type { RouteHandler, SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox } from './db/schema';
import { resolvers } from './resolvers';
import { AccountService } from './services/account.service';
import { AccountTokenService, type AccountTokenEvents, type AccountTokenTtls } from './services/account-token.service';
import { AccountTokenStore } from './stores/account-token.store';
import { AddressService } from './services/address.service';
import { LoginThrottle, type LoginThrottleOptions } from './services/login-throttle.service';
import { AddressStore } from './stores/address.store';
import { SessionService } from './services/session.service';
import { UserService } from './services/user.service';
import { RefreshTokenStore } from './stores/refresh-token.store';
import { UserStore } from './stores/user.store';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'users',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

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
  const userStore = new UserStore(database.db);
  const sessions = new SessionService(new RefreshTokenStore(database.db), issuer, config.refreshTokenTtlSeconds);
  const relay = startOutboxRelay({ db: database.db, outbox, transport, logger });
  const transact = transactor(database.db, () => relay.wake());
  const announce = async (user: { id: string; email: string; name: string }, tx: Executor) => {
    await appendToOutbox(tx, outbox, userRegistered, user.id, { userId: user.id, email: user.email, name: user.name });
  };
  const tokenEvents: AccountTokenEvents = {
    resetRequested: ({ user, token, expiresAt }, tx) =>
      appendToOutbox(tx, outbox, userPasswordResetRequested, user.id, { userId: user.id, email: user.email, name: user.name, token, expiresAt: expiresAt.toISOString() }),
    verificationRequested: ({ user, token, expiresAt }, tx) =>
      appendToOutbox(tx, outbox, userEmailVerificationRequested, user.id, { userId: user.id, email: user.email, name: user.name, token, expiresAt: expiresAt.toISOString() }),
    passwordChanged: (user, tx) => appendToOutbox(tx, outbox, userPasswordChanged, user.id, { userId: user.id, email: user.email, name: user.name, at: new Date().toISOString() }),
    emailVerified: ({ userId, email }, tx) => appendToOutbox(tx, outbox, userEmailVerified, userId, { userId, email, at: new Date().toISOString() }),
  };
  // Reset requests are counted apart from sign-ins, with the same back-off settings.
  const resetThrottle = new LoginThrottle(cache, { ...config.loginThrottle, keyPrefix: 'reset' });
  const services = {
    accountTokens: new AccountTokenService(userStore, new AccountTokenStore(database.db), transact, tokenEvents, resetThrottle, config.accountTokens),
    accounts: new AccountService(userStore, sessions, transact, announce, new LoginThrottle(cache, config.loginThrottle)),
    users: new UserService(userStore),
    addresses: new AddressService(new AddressStore(database.db), (id, tx) => userStore.lock(id, tx), transact),
  };
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
