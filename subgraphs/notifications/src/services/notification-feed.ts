import { asyncIterator, type PubSub } from '@shop/cache';
import { requireViewer, type Logger, type SubgraphContext } from '@shop/subgraph-kit';
import { notificationRecord, type NotificationRecord } from '../stores/notification.store';

/** One pub/sub topic per recipient: a subscriber only ever hears about their own notifications. */
export const recipientTopic = (recipientId: string): string => `recipient:${recipientId}`;

/**
 * Live notifications over the platform's pub/sub. The message carries the whole notification, so
 * the replica that holds a subscriber's socket pushes it without reading the database, whichever
 * replica's consumer wrote it (Redis in services mode, in-process when embedded).
 */
export class NotificationFeed {
  constructor(
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {}

  /**
   * Called after the notification committed. Pub/sub is at-most-once: a failure here is logged,
   * not thrown, because the notification is stored and the event must not be retried for it.
   */
  async announce(notification: NotificationRecord): Promise<void> {
    try {
      await this.pubsub.publish(recipientTopic(notification.recipientId), JSON.stringify(notification));
    } catch (error) {
      this.logger.warn({ err: error, notificationId: notification.id }, 'could not announce a notification');
    }
  }

  /** The signed-in caller's live notifications; anonymous callers get UNAUTHENTICATED. */
  follow(context: SubgraphContext): Promise<AsyncIterableIterator<string>> {
    return asyncIterator(this.pubsub, recipientTopic(requireViewer(context).userId));
  }

  /** Messages come from our own `announce`; parsing still checks them at the boundary. */
  decode(message: string): NotificationRecord {
    return notificationRecord.parse(JSON.parse(message));
  }
}
