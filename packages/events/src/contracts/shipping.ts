import { z } from 'zod';
import { defineDataEvent, defineEvent } from '../define-event';
import { currencyCode, money, orderRepliesTopic } from './saga-shapes';

/** Shipping's domain events: shipments keyed by ORDER id so one order's stay in order, rate events by rate id (saga answers: `orderRepliesTopic`). */
export const shippingTopic = 'shop.shipping';

/** Saga reply to `order.placed`: the cheapest rate for the destination country. */
export const orderShippingQuoted = defineDataEvent({
  type: 'order.shipping-quoted',
  topic: orderRepliesTopic,
  data: { orderId: z.string().min(1), carrier: z.string().min(1), cost: money },
});

/** Saga reply to `order.placed`: no rate ships to that country (the order is cancelled). */
export const orderShippingUnavailable = defineDataEvent({
  type: 'order.shipping-unavailable',
  topic: orderRepliesTopic,
  data: { orderId: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/), reason: z.string().min(1) },
});

const shipmentFacts = z.object({
  orderId: z.string().min(1),
  shipmentId: z.string().min(1),
  customerId: z.string().min(1),
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
});

/** Saga reply to `order.shipment-requested`: the shipment exists (status PENDING) with a tracking number. */
export const shipmentCreated = defineEvent({ type: 'shipment.created', topic: orderRepliesTopic, version: 1, schema: shipmentFacts });

/** An admin handed the parcel to the carrier; the order can no longer be cancelled (orders and notifications read it). */
export const shipmentShipped = defineEvent({ type: 'shipment.shipped', topic: [orderRepliesTopic, shippingTopic], version: 1, schema: shipmentFacts });

/** The carrier delivered the parcel (orders and notifications read it). */
export const shipmentDelivered = defineEvent({ type: 'shipment.delivered', topic: [orderRepliesTopic, shippingTopic], version: 1, schema: shipmentFacts });

/** The shipment was cancelled because its order was (after order.cancelled). */
export const shipmentCancelled = defineEvent({ type: 'shipment.cancelled', topic: shippingTopic, version: 1, schema: shipmentFacts });

export type OrderShippingQuoted = z.infer<typeof orderShippingQuoted.schema>;
export type OrderShippingUnavailable = z.infer<typeof orderShippingUnavailable.schema>;
export type ShipmentFacts = z.infer<typeof shipmentFacts>;

/** A shipping rate (a shipping option of carts) as it is after an admin created or changed it; keyed by rate id. */
export const shippingRateChanged = defineDataEvent({
  type: 'shipping-rate.changed',
  topic: shippingTopic,
  data: {
    rateId: z.string().min(1),
    country: z.string().regex(/^[A-Z]{2}$/),
    currency: currencyCode,
    carrier: z.string().min(1),
    name: z.string().min(1),
  },
});

/** An admin deleted a shipping rate: carts can no longer choose it; keyed by rate id. */
export const shippingRateDeleted = defineDataEvent({
  type: 'shipping-rate.deleted',
  topic: shippingTopic,
  data: { rateId: z.string().min(1) },
});

export type ShippingRateChanged = z.infer<typeof shippingRateChanged.schema>;
