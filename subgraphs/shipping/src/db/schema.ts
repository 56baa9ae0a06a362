import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const shippingSchema = pgSchema('shipping');

/** Saga replies and shipment events leave in the same transaction as the change that caused them. */
export const { outbox, outboxLease, inbox } = outboxTables(shippingSchema);

/**
 * What shipping to a country costs with one carrier service, in one currency. A cart or order in
 * another currency never sees the rate. `free_over_amount` is in the rate's currency.
 */
export const shippingRates = shippingSchema.table(
  'shipping_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stable listing order within a country (the keyset of `shippingRates`).
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    country: text('country').notNull(),
    carrier: text('carrier').notNull(),
    name: text('name').notNull(),
    priceAmount: integer('price_amount').notNull(),
    currency: text('currency').notNull(),
    freeOverAmount: integer('free_over_amount'),
    estimatedDays: integer('estimated_days').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('shipping_rates_service_key').on(t.country, t.carrier, t.name, t.currency),
    index('shipping_rates_country_seq_idx').on(t.country, t.seq),
    check('shipping_rates_price_non_negative', sql`${t.priceAmount} >= 0`),
    check('shipping_rates_free_over_non_negative', sql`${t.freeOverAmount} is null or ${t.freeOverAmount} >= 0`),
    check('shipping_rates_estimated_days', sql`${t.estimatedDays} between 0 and 365`),
  ],
);

/**
 * One shipment per order (the unique order id is what keeps a re-requested shipment single).
 * `history` is the append-only list of `{ status, at }` the shipment went through, oldest first.
 */
export const shipments = shippingSchema.table(
  'shipments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: text('order_id').notNull(),
    /** The order's customer: the one non-admin who may see this shipment. */
    customerId: text('customer_id').notNull(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    status: text('status').notNull(),
    /** `[{ productId, quantity }]` as the order requested them. */
    items: jsonb('items').notNull(),
    /** The address the parcel goes to (the order's shipping address when it was requested). */
    address: jsonb('address').notNull(),
    history: jsonb('history').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('shipments_order_key').on(t.orderId),
    unique('shipments_tracking_number_key').on(t.trackingNumber),
    index('shipments_customer_idx').on(t.customerId),
    check('shipments_status', sql`${t.status} in ('PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED')`),
  ],
);
