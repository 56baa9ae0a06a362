import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  orderCancelled,
  orderConfirmed,
  orderTopics,
  shipmentDelivered,
  shipmentShipped,
  shippingTopic,
  userPasswordResetRequested,
  userRegistered,
  usersTopic,
  type EventEnvelope,
} from '@shop/events';
import { eventually, type SubgraphHarness } from '@shop/testkit';
import { inbox, notifications } from '../src/db/schema';

const topicOf = (envelope: EventEnvelope) =>
  envelope.type.startsWith('shipment.') ? shippingTopic : envelope.type.startsWith('user.') ? usersTopic : orderTopics.notifications;

/** Order and shipment events as orders and shipping publish them, keyed by order id. */
export const events = {
  confirmed: (customerId: string, orderId: string = randomUUID(), amount = 4999) =>
    orderConfirmed.create(orderId, {
      orderId,
      customerId,
      total: { amount, currency: 'EUR' },
      items: [{ productId: 'prod-1', quantity: 2 }],
      promotionIds: [],
    }),
  cancelled: (customerId: string, reason = 'Your card was declined.', orderId: string = randomUUID()) =>
    orderCancelled.create(orderId, {
      orderId,
      customerId,
      code: 'PAYMENT_DECLINED',
      reason,
      previousStatus: 'STOCK_RESERVED',
      items: [{ productId: 'prod-1', quantity: 1 }],
    }),
  shipped: (customerId: string, orderId: string = randomUUID()) => shipmentShipped.create(orderId, shipment(customerId, orderId)),
  delivered: (customerId: string, orderId: string = randomUUID()) => shipmentDelivered.create(orderId, shipment(customerId, orderId)),
  registered: (userId: string, email: string, name = 'Ada Lovelace') => userRegistered.create(userId, { userId, email, name }),
  passwordResetRequested: (userId: string, email: string, token: string) =>
    userPasswordResetRequested.create(userId, { userId, email, name: 'Ada Lovelace', token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
};

const shipment = (customerId: string, orderId: string) => ({
  orderId,
  customerId,
  shipmentId: randomUUID(),
  carrier: 'DHL',
  trackingNumber: 'JD0146000031',
  at: new Date().toISOString(),
});

/** The orders and shipping topics as the notifications consumer hears them. */
export function feed(harness: SubgraphHarness) {
  const db = harness.platform.database.db;
  const consumed = async (envelope: EventEnvelope) => (await db.select().from(inbox).where(eq(inbox.eventId, envelope.id))).length === 1;
  const send = (envelope: EventEnvelope) => harness.platform.transport.publish([{ topic: topicOf(envelope), key: envelope.aggregateId, envelope }]);
  return {
    send,
    /** Publishes and waits until the consumer has committed the event. */
    async deliver(envelope: EventEnvelope) {
      await send(envelope);
      await eventually(() => consumed(envelope));
      return envelope;
    },
    /**
     * Publishes the same envelope twice (a redelivery), then a marker event with the same key on
     * the same topic: once the marker is consumed, both copies have been handled (order per key).
     */
    async deliverTwice(envelope: EventEnvelope, marker: EventEnvelope) {
      await send(envelope);
      await send(envelope);
      await send(marker);
      await eventually(() => consumed(marker));
    },
    /** Notification rows made from one event. */
    rowsFor: (envelope: EventEnvelope) => db.select().from(notifications).where(eq(notifications.sourceEventId, envelope.id)),
  };
}

export const customer = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });
export const admin = (userId: string = randomUUID()) => ({ userId, roles: ['customer', 'admin'] });

export const userRefs = (...ids: string[]) => ids.map((id) => ({ __typename: 'User', id }));
export const notificationRefs = (...ids: string[]) => ids.map((id) => ({ __typename: 'Notification', id }));
