import { bigint, index, integer, jsonb, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const taxSchema = pgSchema('tax');

/** Events leave in the same transaction as the state change that caused them. */
export const { outbox, outboxLease, inbox } = outboxTables(taxSchema);

/**
 * Tax rates by country, optionally narrowed to a region and/or a product category. One rate per
 * (country, region, category): NULLS NOT DISTINCT makes "no region" count as a value too.
 */
export const taxRates = taxSchema.table(
  'tax_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stable listing order within a country (the keyset of `taxRates`).
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    country: text('country').notNull(),
    region: text('region'),
    category: text('category'),
    /** 2000 = 20.00 %; integer so no float ever touches money. */
    rateBasisPoints: integer('rate_basis_points').notNull(),
    name: text('name').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validTo: timestamp('valid_to', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('tax_rates_scope_key').on(t.country, t.region, t.category).nullsNotDistinct(), index('tax_rates_country_seq_idx').on(t.country, t.seq)],
);

/** One tax line of an order as stored (amount in minor units of the order's currency). */
export interface StoredTaxLine {
  lineId: string;
  name: string;
  rateBasisPoints: number;
  amount: number;
}

/**
 * The tax each order was charged, from the checkout's `order.tax-requested`: kept so
 * `Order.taxLines` can show it later, whatever the rates have become since.
 */
export const orderTaxes = taxSchema.table('order_taxes', {
  orderId: text('order_id').primaryKey(),
  /** Who may see it (besides admins). */
  customerId: text('customer_id').notNull(),
  currency: text('currency').notNull(),
  total: integer('total').notNull(),
  lines: jsonb('lines').$type<StoredTaxLine[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
