import type { AccessTokenIssuer } from '@shop/auth';
import type { Cache } from '@shop/cache';
import { transactor, type Database } from '@shop/db';
import { accountTokenEvents, announceUserRegistered } from './events/account-events';
import { AccountService } from './services/account.service';
import { AccountTokenService, type AccountTokenTtls } from './services/account-token.service';
import { AddressService } from './services/address.service';
import { LoginThrottle, type LoginThrottleOptions } from './services/login-throttle.service';
import { SessionService } from './services/session.service';
import { UserService } from './services/user.service';
import { AccountTokenStore } from './stores/account-token.store';
import { AddressStore } from './stores/address.store';
import { RefreshTokenStore } from './stores/refresh-token.store';
import { UserStore } from './stores/user.store';

export interface UsersOptions {
  /** Signs the access tokens sessions hand out. */
  issuer: AccessTokenIssuer;
  refreshTokenTtlSeconds: number;
  /** Back-off for failed logins; counters live in `cache`. */
  loginThrottle?: LoginThrottleOptions;
  accountTokens?: AccountTokenTtls;
}

/** Stores and services on one database and cache; the subgraph and its tests build the same graph. `wake` is the outbox relay's. */
export function createUsers(db: Database, cache: Cache, options: UsersOptions, wake: () => void = () => {}) {
  const stores = {
    users: new UserStore(db),
    refreshTokens: new RefreshTokenStore(db),
    accountTokens: new AccountTokenStore(db),
    addresses: new AddressStore(db),
  };
  const transact = transactor(db, wake);
  const sessions = new SessionService(stores.refreshTokens, options.issuer, options.refreshTokenTtlSeconds);
  // Reset requests are counted apart from sign-ins, with the same back-off settings.
  const resetThrottle = new LoginThrottle(cache, { ...options.loginThrottle, keyPrefix: 'reset' });
  const services = {
    accountTokens: new AccountTokenService(stores.users, stores.accountTokens, transact, accountTokenEvents, resetThrottle, options.accountTokens),
    accounts: new AccountService(stores.users, sessions, transact, announceUserRegistered, new LoginThrottle(cache, options.loginThrottle)),
    users: new UserService(stores.users),
    addresses: new AddressService(stores.addresses, (id, tx) => stores.users.lock(id, tx), transact),
  };
  return { stores, services };
}

export type Users = ReturnType<typeof createUsers>;
