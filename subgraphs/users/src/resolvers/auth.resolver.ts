import { announceSignIn, type SubgraphContext } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { AccountService, AuthResult } from '../services/account.service';
import type { UserService } from '../services/user.service';

export function authResolvers(accounts: AccountService, users: UserService): Resolvers {
  const signedIn = (context: SubgraphContext) => (result: AuthResult) => {
    if (result.session) {
      users.signedInDuringRequest(context, result.session.user.id);
      announceSignIn(context, result.session.accessToken);
    }
    return result;
  };
  return {
    Mutation: {
      register: (_parent, { input }, context) => accounts.register(input).then(signedIn(context)),
      login: (_parent, { input }, context) => accounts.login(input, context.clientIp).then(signedIn(context)),
      refreshToken: (_parent, args, context) => accounts.refresh(args.refreshToken).then(signedIn(context)),
      logout: (_parent, args) => accounts.logout(args.refreshToken),
    },
  };
}
