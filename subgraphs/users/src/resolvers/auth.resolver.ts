import { announceSignIn, requireViewer, type SubgraphContext } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { AccountService, AuthResult } from '../services/account.service';
import type { AccountTokenService } from '../services/account-token.service';
import type { UserService } from '../services/user.service';

export function authResolvers(accounts: AccountService, users: UserService, accountTokens: AccountTokenService): Resolvers {
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
      requestPasswordReset: (_parent, args, context) => accountTokens.requestPasswordReset(args.email, context.clientIp),
      resetPassword: (_parent, args) => accountTokens.resetPassword(args.token, args.newPassword),
      requestEmailVerification: (_parent, _args, context) => accountTokens.requestEmailVerification(requireViewer(context).userId),
      verifyEmail: (_parent, args) => accountTokens.verifyEmail(args.token),
    },
  };
}
