import { index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orders, ordersSchema } from './schema';

/** Units of one order line in a return, frozen at request. `productId` is what inventory restocks. */
export interface StoredReturnLine {
  lineId: string;
  productId: string;
  /** The variant that goes back on the shelf (the order line's). */
  variantId: string;
  productName: string;
  quantity: number;
}

/**
 * Returns (RMA) of delivered orders: REQUESTED -> APPROVED | REJECTED, APPROVED -> RECEIVED ->
 * REFUNDED. Every change locks the order's row first, so two returns of one order never both take
 * the last returnable unit and receipts are refunded in a strict order.
 */
export const returns = ordersSchema.table(
  'returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** The user's id, or `guest:<guest key>` for a guest's order. */
    customerId: text('customer_id').notNull(),
    status: text('status').notNull(),
    /** The shopper's reason, 1 to 500 characters. */
    reason: text('reason').notNull(),
    /** The admin's note on approval or rejection. */
    note: text('note'),
    lines: jsonb('lines').$type<StoredReturnLine[]>().notNull(),
    /** Minor units of `currency`: an estimate until RECEIVED, then what payments refunds. */
    refundAmount: integer('refund_amount').notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('returns_order_idx').on(t.orderId, t.createdAt)],
);

/** Every status a return went through, in order (`position` 1, 2, ...). */
export const returnStatusHistory = ordersSchema.table(
  'return_status_history',
  {
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('return_status_history_pk').on(t.returnId, t.position)],
);
