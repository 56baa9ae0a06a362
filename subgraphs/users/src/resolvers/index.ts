import { DateTimeScalar } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { AccountService } from '../services/account.service';
import type { UserService } from '../services/user.service';
import { authResolvers } from './auth.resolver';
import { userResolvers } from './user.resolver';

export function resolvers(services: { accounts: AccountService; users: UserService }): Resolvers {
  const auth = authResolvers(services.accounts, services.users);
  const user = userResolvers(services.users);
  return { DateTime: DateTimeScalar, ...user, ...auth };
}
