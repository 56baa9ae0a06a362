import { bigint, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const favouritesSchema = pgSchema('favourites');

/** Events leave in the same transaction as the state change that caused them; consumed ones are deduplicated in the inbox. */
export const { outbox, outboxLease, inbox } = outboxTables(favouritesSchema);

/**
 * The products that exist, as learnt from `product.created` / `product.deleted`: favourites never
 * calls the products subgraph, so this is how it refuses unknown ids.
 */
export const knownProducts = favouritesSchema.table('known_products', {
  productId: text('product_id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per (user, product): the unique index makes concurrent adds collapse into one item. */
export const wishlistItems = favouritesSchema.table(
  'wishlist_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Insertion order, the keyset of "newest first": added_at alone ties within a transaction
    // and loses microseconds on its way through a JavaScript Date.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    userId: uuid('user_id').notNull(),
    productId: text('product_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wishlist_items_user_product_idx').on(t.userId, t.productId),
    index('wishlist_items_user_seq_idx').on(t.userId, t.seq),
    index('wishlist_items_product_idx').on(t.productId),
  ],
);
