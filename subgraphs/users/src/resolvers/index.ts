import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { AccountService } from '../services/account.service';
import type { AccountTokenService } from '../services/account-token.service';
import type { AddressService } from '../services/address.service';
import { addressResolvers } from './address.resolver';
import type { UserService } from '../services/user.service';
import { authResolvers } from './auth.resolver';
import { userResolvers } from './user.resolver';

export function resolvers(services: {
  accounts: AccountService;
  users: UserService;
  addresses: AddressService;
  accountTokens: AccountTokenService;
}): Resolvers {
  return mergeResolvers<Resolvers>(
    { DateTime: DateTimeScalar },
    authResolvers(services.accounts, services.users, services.accountTokens),
    userResolvers(services.users),
    addressResolvers(services.addresses, services.users),
  );
}
