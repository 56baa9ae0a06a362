import type { Resolvers } from '../__generated__/resolvers-types';
import type { NotificationReader } from '../services/notification-reader.service';

export function userResolvers(reader: NotificationReader): Resolvers {
  return {
    User: {
      // No query here: unread counts of every user in the request are loaded together.
      __resolveReference: (ref) => ({ id: ref.id }),
      notifications: (user, args, context) => reader.page(context, user.id, args),
      unreadNotificationCount: (user, _args, context) => reader.unreadCount(context, user.id),
    },
  };
}
