import type { Executor } from '@shop/db';
import {
  appendToOutbox,
  orderShippingQuoted,
  orderShippingUnavailable,
  shipmentCancelled,
  shipmentCreated,
  shipmentDelivered,
  shipmentShipped,
  shippingRateChanged,
  shippingRateDeleted,
  type OrderShippingQuoted,
  type OrderShippingUnavailable,
} from '@shop/events';
import type { AdminChange } from '@shop/subgraph-kit';
import { outbox } from '../db/schema';
import type { ShipmentRecord, ShipmentStatus } from '../stores/shipment.store';

/** The event each shipment status is announced with (PENDING is `shipment.created`). */
const announcements = { PENDING: shipmentCreated, SHIPPED: shipmentShipped, DELIVERED: shipmentDelivered, CANCELLED: shipmentCancelled } as const;

/**
 * Records the event of a status the shipment entered (its current one by default) in the
 * caller's transaction, keyed by ORDER id (every saga event is), `at` being when it entered it.
 */
export async function announceShipment(tx: Executor, shipment: ShipmentRecord, status: ShipmentStatus = shipment.status): Promise<void> {
  const at = shipment.history.findLast((change) => change.status === status)?.at ?? shipment.createdAt.toISOString();
  await appendToOutbox(tx, outbox, announcements[status], shipment.orderId, {
    orderId: shipment.orderId,
    shipmentId: shipment.id,
    customerId: shipment.customerId,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    at,
  });
}

/** Saga reply to order.placed: the cheapest rate's carrier and cost. */
export async function announceQuote(tx: Executor, quote: OrderShippingQuoted): Promise<void> {
  await appendToOutbox(tx, outbox, orderShippingQuoted, quote.orderId, quote);
}

/** Saga reply to order.placed: nothing ships there in the order's currency. */
export async function announceUnavailable(tx: Executor, reply: OrderShippingUnavailable): Promise<void> {
  await appendToOutbox(tx, outbox, orderShippingUnavailable, reply.orderId, reply);
}

/** Records `shipping-rate.changed` (created or updated) or `shipping-rate.deleted` in the caller's transaction. */
export async function announceRate(
  tx: Executor,
  rate: { id: string; country: string; currency: string; carrier: string; name: string },
  change: AdminChange,
): Promise<void> {
  if (change === 'deleted') await appendToOutbox(tx, outbox, shippingRateDeleted, rate.id, { rateId: rate.id });
  else
    await appendToOutbox(tx, outbox, shippingRateChanged, rate.id, {
      rateId: rate.id,
      country: rate.country,
      currency: rate.currency,
      carrier: rate.carrier,
      name: rate.name,
    });
}
