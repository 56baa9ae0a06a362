import type { Resolvers } from '../__generated__/resolvers-types';
import type { UserService } from '../services/user.service';

export function userResolvers(users: UserService): Resolvers {
  return {
    User: {
      __resolveReference: (ref, context) => users.byId(context, ref.id),
      email: (user, _args, context) => (users.canSeePrivateFields(context, user) ? user.email : null),
      emailVerified: (user, _args, context) => (users.canSeePrivateFields(context, user) ? user.emailVerifiedAt !== null : null),
      roles: (user, _args, context) =>
        users.canSeePrivateFields(context, user) ? user.roles.map((role) => (role === 'admin' ? 'ADMIN' : 'CUSTOMER')).sort() : [],
    },
    Query: {
      me: (_parent, _args, context) => (context.viewer ? users.byId(context, context.viewer.userId) : null),
    },
    Mutation: {
      setUserRoles: (_parent, { userId, roles }, context) =>
        users.setRoles(
          context,
          userId,
          roles.map((role) => role.toLowerCase()),
        ),
    },
  };
}
