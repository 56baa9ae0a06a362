import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const inventorySchema = pgSchema('inventory');

/** Events leave in the same transaction as the state change that caused them; consumed ones are deduplicated in the inbox. */
export const { outbox, outboxLease, inbox } = outboxTables(inventorySchema);

/**
 * One row per sellable variant, created when a product event lists it (`variants` of
 * product.created/updated; a product without options has one, its default variant, whose id is the
 * product's). Available to sell is `on_hand - reserved`; the checks are the last line of defence
 * behind the conditional updates, so no interleaving of writers can ever store a negative stock.
 */
export const stockLevels = inventorySchema.table(
  'stock_levels',
  {
    variantId: text('variant_id').primaryKey(),
    /** The product the variant belongs to: `Product.stock` sums its variants. */
    productId: text('product_id').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_levels_product_idx').on(t.productId),
    check('stock_levels_on_hand_check', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_check', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
  ],
);

/**
 * Holds on stock for an order in checkout. `status` moves once from `active` to `committed`
 * (on-hand decremented), `released` or `expired` (hold given back), and a committed one at most
 * once more to `restocked` (the order was cancelled after confirmation: units back on hand).
 * Every transition is a conditional update on the current status, so it happens exactly once.
 */
export const reservations = inventorySchema.table(
  'reservations',
  {
    id: uuid('id').primaryKey(),
    orderId: text('order_id').notNull(),
    status: text('status', { enum: ['active', 'committed', 'released', 'expired', 'restocked'] })
      .notNull()
      .default('active'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  // Partial: the sweeper only ever looks for active holds past their expiry.
  (t) => [
    index('reservations_active_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'active'`),
  ],
);

/** The variants and quantities one reservation holds; they go with the variant's stock row. */
export const reservationItems = inventorySchema.table(
  'reservation_items',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    variantId: text('variant_id')
      .notNull()
      .references(() => stockLevels.variantId, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reservationId, t.variantId] }),
    index('reservation_items_variant_idx').on(t.variantId),
    check('reservation_items_quantity_check', sql`${t.quantity} > 0`),
  ],
);

/**
 * The stock ledger: every change of on-hand, who made it and why. Admin adjustments carry the
 * idempotency key they were made with (unique per admin), so a retried request finds its movement
 * instead of applying twice. Rows outlive their product on purpose: the ledger is an audit trail.
 */
export const stockMovements = inventorySchema.table(
  'stock_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Ledger order, the keyset of pagination: created_at ties within a transaction.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    productId: text('product_id').notNull(),
    variantId: text('variant_id').notNull(),
    kind: text('kind', { enum: ['adjustment', 'sale', 'restock'] }).notNull(),
    delta: integer('delta').notNull(),
    onHandAfter: integer('on_hand_after').notNull(),
    reason: text('reason'),
    /** The admin who adjusted; null for movements the system made (a committed reservation). */
    actorId: text('actor_id'),
    idempotencyKey: text('idempotency_key'),
    reservationId: uuid('reservation_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_movements_product_seq_idx').on(t.productId, t.seq),
    index('stock_movements_variant_seq_idx').on(t.variantId, t.seq),
    // NULLs are distinct, so system movements (no key) never collide.
    uniqueIndex('stock_movements_idempotency_idx').on(t.actorId, t.idempotencyKey),
  ],
);
