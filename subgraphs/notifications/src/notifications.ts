import type { PubSub } from '@shop/cache';
import type { Database } from '@shop/db';
import type { Logger } from '@shop/subgraph-kit';
import { MarkReadService } from './services/mark-read.service';
import { NotificationFeed } from './services/notification-feed';
import { NotificationReader } from './services/notification-reader.service';
import { MailOutboxStore } from './stores/mail-outbox.store';
import { NotificationStore } from './stores/notification.store';

/**
 * Stores and services on one database; the subgraph and its tests build the same graph. `pubsub`
 * carries the live pushes (Redis in services mode, so every replica's subscribers hear them).
 */
export function createNotifications(db: Database, pubsub: PubSub, logger: Logger) {
  const stores = { notifications: new NotificationStore(db), mails: new MailOutboxStore(db) };
  const services = {
    reader: new NotificationReader(stores.notifications),
    markRead: new MarkReadService(db, stores.notifications),
    feed: new NotificationFeed(pubsub, logger),
  };
  return { stores, services };
}

export type Notifications = ReturnType<typeof createNotifications>;
