import type { Database, Transaction } from '@shop/db';
import {
  createInboxHandler,
  on,
  orderCancelled,
  orderConfirmed,
  orderTopics,
  routeEvents,
  shipmentDelivered,
  shipmentShipped,
  shippingTopic,
  type DeliveryMeta,
  type EventEnvelope,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox } from '../db/schema';
import { orderCancelledText, orderConfirmedText, shipmentDeliveredText, shipmentShippedText, type NotificationText } from '../services/compose-notification';
import type { NotificationFeed } from '../services/notification-feed';
import type { NotificationRecord, NotificationStore } from '../stores/notification.store';

/** Consumer group and inbox consumer name: one notifications deployment reads each event once. */
export const NOTIFICATION_EVENTS_GROUP = 'notifications';

export interface OrderEventsDeps {
  db: Database;
  transport: EventTransport;
  store: NotificationStore;
  feed: NotificationFeed;
}

/** What one delivery's transaction works with, and what it created (announced after the commit). */
interface Delivery {
  tx: Transaction;
  created: NotificationRecord[];
}

const notify =
  <T>(text: (data: T) => NotificationText, store: NotificationStore) =>
  async (event: EventEnvelope<T>, delivery: Delivery): Promise<void> => {
    const created = await store.insert({ ...text(event.data), sourceEventId: event.id }, delivery.tx);
    if (created) delivery.created.push(created);
  };

/**
 * One notification per `order.confirmed`, `order.cancelled`, `shipment.shipped` and
 * `shipment.delivered`, for the order's customer. The inbox row and the notification commit
 * together, so a redelivered event finds its inbox row and creates nothing; only after the commit
 * is the new notification pushed to the recipient's live subscribers.
 */
export function consumeOrderEvents(deps: OrderEventsDeps): Promise<Subscription> {
  const { db, transport, store, feed } = deps;
  const route = routeEvents<Delivery>(
    on(orderConfirmed, notify(orderConfirmedText, store)),
    on(orderCancelled, notify(orderCancelledText, store)),
    on(shipmentShipped, notify(shipmentShippedText, store)),
    on(shipmentDelivered, notify(shipmentDeliveredText, store)),
  );
  const handle = async (envelope: EventEnvelope, meta: DeliveryMeta): Promise<void> => {
    const created: NotificationRecord[] = [];
    // One handler per delivery: `created` must not be shared by deliveries of other partitions.
    await createInboxHandler({ db, inbox, consumer: NOTIFICATION_EVENTS_GROUP, handles: route.handles, handle: (tx, env) => route(env, { tx, created }) })(envelope, meta);
    for (const notification of created) await feed.announce(notification);
  };
  return transport.subscribe({ groupId: NOTIFICATION_EVENTS_GROUP, topics: [orderTopics.notifications, shippingTopic], handler: handle });
}
