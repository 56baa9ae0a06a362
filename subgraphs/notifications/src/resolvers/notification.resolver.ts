import type { Resolvers } from '../__generated__/resolvers-types';
import type { MarkReadService } from '../services/mark-read.service';
import type { NotificationFeed } from '../services/notification-feed';
import type { NotificationReader } from '../services/notification-reader.service';

export interface NotificationServices {
  reader: NotificationReader;
  markRead: MarkReadService;
  feed: NotificationFeed;
}

export function notificationResolvers({ reader, markRead, feed }: NotificationServices): Resolvers {
  return {
    Notification: {
      __resolveReference: (ref, context) => reader.notification(context, ref.id),
      read: (notification) => notification.readAt !== null,
    },
    Mutation: {
      markNotificationsRead: (_parent, { ids }, context) => markRead.markRead(context, ids),
    },
    Subscription: {
      notificationAdded: {
        subscribe: (_parent, _args, context) => feed.follow(context),
        resolve: (message: string) => feed.decode(message),
      },
    },
  };
}
