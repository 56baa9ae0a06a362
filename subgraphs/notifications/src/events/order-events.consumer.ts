import type { Database, Transaction } from '@shop/db';
import {
  createInboxHandler,
  on,
  orderCancelled,
  orderConfirmed,
  orderTopics,
  returnStatusChanged,
  routeEvents,
  shipmentDelivered,
  shipmentShipped,
  shippingTopic,
  userEmailVerificationRequested,
  userPasswordChanged,
  userPasswordResetRequested,
  userRegistered,
  usersTopic,
  type DeliveryMeta,
  type EventEnvelope,
  type EventTransport,
  type Subscription,
} from '@shop/events';
import { inbox, type MailTemplate } from '../db/schema';
import { orderCancelledText, orderConfirmedText, shipmentDeliveredText, shipmentShippedText, type NotificationText } from '../services/compose-notification';
import type { NotificationFeed } from '../services/notification-feed';
import { returnStatusChangedText } from '../services/return-notification';
import type { MailOutboxStore } from '../stores/mail-outbox.store';
import type { NotificationRecord, NotificationStore } from '../stores/notification.store';

/** Consumer group and inbox consumer name: one notifications deployment reads each event once. */
export const NOTIFICATION_EVENTS_GROUP = 'notifications';

export interface OrderEventsDeps {
  db: Database;
  transport: EventTransport;
  store: NotificationStore;
  feed: NotificationFeed;
  mails: MailOutboxStore;
  /** Called after a delivery's commit queued a mail: the dispatcher sends it without waiting for a poll. */
  mailQueued: () => void;
}

/** What one delivery's transaction works with, and what it created (announced after the commit). */
interface Delivery {
  tx: Transaction;
  created: NotificationRecord[];
  mailed: boolean;
}

/** The in-app notification and the mail of one order or shipment event, in the delivery's transaction. */
const notify =
  <T>(text: (data: T) => NotificationText, template: MailTemplate, store: NotificationStore, mails: MailOutboxStore) =>
  async (event: EventEnvelope<T>, delivery: Delivery): Promise<void> => {
    const notification = text(event.data);
    const created = await store.insert({ ...notification, sourceEventId: event.id }, delivery.tx);
    if (created) delivery.created.push(created);
    await mails.enqueue({ sourceEventId: event.id, template, recipientId: notification.recipientId, data: event.data }, delivery.tx);
    delivery.mailed = true;
  };

/**
 * A guest's order event names where its mails go: the guest becomes a recipient (by its `guest:`
 * customer id) before the mail is queued, so this and every later mail of the order (shipped,
 * delivered, returns) reach that address.
 */
const rememberGuest =
  <T extends { customerId: string; contactEmail?: string | undefined; contactName?: string | undefined }>(
    next: (event: EventEnvelope<T>, delivery: Delivery) => Promise<void>,
    mails: MailOutboxStore,
  ) =>
  async (event: EventEnvelope<T>, delivery: Delivery): Promise<void> => {
    const { customerId, contactEmail, contactName } = event.data;
    if (contactEmail) await mails.saveRecipient({ userId: customerId, email: contactEmail, name: contactName ?? contactEmail }, delivery.tx);
    await next(event, delivery);
  };

/** An account mail: the event names the address, so it does not wait for the recipients table. */
const mailAccount =
  <T extends { userId: string; email: string }>(template: MailTemplate, mails: MailOutboxStore) =>
  async (event: EventEnvelope<T>, delivery: Delivery): Promise<void> => {
    await mails.enqueue({ sourceEventId: event.id, template, recipientId: event.data.userId, toAddress: event.data.email, data: event.data }, delivery.tx);
    delivery.mailed = true;
  };

/**
 * One notification and one mail (a mail outbox row) per `order.confirmed`, `order.cancelled`,
 * `shipment.shipped`, `shipment.delivered` and `return.status-changed`, for the order's customer; the account mails of the
 * users topic; and each user's address from `user.registered`. The inbox row, the notification and
 * the mail commit together, so a redelivered event finds its inbox row and creates nothing; only
 * after the commit is the new notification pushed to live subscribers and the dispatcher woken.
 */
export function consumeOrderEvents(deps: OrderEventsDeps): Promise<Subscription> {
  const { db, transport, store, feed, mails, mailQueued } = deps;
  const route = routeEvents<Delivery>(
    on(orderConfirmed, rememberGuest(notify(orderConfirmedText, 'ORDER_CONFIRMED', store, mails), mails)),
    on(orderCancelled, rememberGuest(notify(orderCancelledText, 'ORDER_CANCELLED', store, mails), mails)),
    on(shipmentShipped, notify(shipmentShippedText, 'SHIPMENT_SHIPPED', store, mails)),
    on(shipmentDelivered, notify(shipmentDeliveredText, 'SHIPMENT_DELIVERED', store, mails)),
    on(returnStatusChanged, notify(returnStatusChangedText, 'RETURN_UPDATED', store, mails)),
    on(userRegistered, async (event, delivery) => mails.saveRecipient(event.data, delivery.tx)),
    on(userEmailVerificationRequested, mailAccount('VERIFY_EMAIL', mails)),
    on(userPasswordResetRequested, mailAccount('PASSWORD_RESET', mails)),
    on(userPasswordChanged, mailAccount('PASSWORD_CHANGED', mails)),
  );
  const handle = async (envelope: EventEnvelope, meta: DeliveryMeta): Promise<void> => {
    const delivery: Omit<Delivery, 'tx'> = { created: [], mailed: false };
    // One handler per delivery: `delivery` must not be shared by deliveries of other partitions.
    await createInboxHandler({
      db,
      inbox,
      consumer: NOTIFICATION_EVENTS_GROUP,
      handles: route.handles,
      handle: (tx, env) => route(env, Object.assign(delivery, { tx }) as Delivery),
    })(envelope, meta);
    if (delivery.mailed) mailQueued();
    for (const notification of delivery.created) await feed.announce(notification);
  };
  return transport.subscribe({ groupId: NOTIFICATION_EVENTS_GROUP, topics: [orderTopics.notifications, shippingTopic, usersTopic], handler: handle });
}
