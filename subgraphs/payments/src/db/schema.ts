import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const paymentsSchema = pgSchema('payments');

/** Events leave in the same transaction as the ledger entry that caused them. */
export const { outbox, outboxLease, inbox } = outboxTables(paymentsSchema);

/**
 * One payment attempt for an order. Only the card's brand and last four digits are kept, never
 * the full number. Captured/refunded totals are NOT columns: they are summed from the ledger.
 */
export const payments = paymentsSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: text('order_id').notNull(),
    /** The order's customer: the one non-admin who may see this payment. */
    customerId: text('customer_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    cardBrand: text('card_brand').notNull(),
    cardLast4: text('card_last4').notNull(),
    failureReason: text('failure_reason'),
    /** The provider's authorization reference, needed to capture and refund. */
    providerRef: text('provider_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payments_order_idx').on(t.orderId, t.createdAt), check('payments_amount_positive', sql`${t.amount} > 0`)],
);

/** Every status a payment went through, oldest first. */
export const statusHistory = paymentsSchema.table(
  'status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    status: text('status').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('status_history_payment_idx').on(t.paymentId, t.at)],
);

/** Append-only money movements (minor units); rows are only ever inserted. */
export const ledgerEntries = paymentsSchema.table(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    kind: text('kind').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    providerRef: text('provider_ref').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_payment_idx').on(t.paymentId),
    check('ledger_entries_kind', sql`${t.kind} in ('authorization', 'capture', 'refund')`),
    check('ledger_entries_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * One row per idempotency key: which operation and parameters (a fingerprint, never a card
 * number) it was first used with, and the outcome to replay. The row lock serializes retries.
 */
export const idempotencyKeys = paymentsSchema.table('idempotency_keys', {
  key: text('key').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  /** Null until a final outcome is recorded (retryable failures leave it null). */
  outcome: jsonb('outcome'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
