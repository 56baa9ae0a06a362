import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgSchema, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const ratingsSchema = pgSchema('ratings');

/** Events leave in the same transaction as the state change that caused them; consumed events are deduplicated in the inbox. */
export const { outbox, outboxLease, inbox } = outboxTables(ratingsSchema);

/**
 * Products ratings has heard of (product.created / product.deleted from the products subgraph),
 * with the running rating summary. The sum and count are integers updated atomically with each
 * review, so the average (sum / count) is exact and never drifts.
 */
export const knownProducts = ratingsSchema.table(
  'known_products',
  {
    productId: text('product_id').primaryKey(),
    ratingSum: integer('rating_sum').notNull().default(0),
    reviewCount: integer('review_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('known_products_summary_check', sql`${t.reviewCount} >= 0 and ${t.ratingSum} between ${t.reviewCount} and 5 * ${t.reviewCount}`)],
);

/** One review per user per product (unique index); removed with its product. */
export const reviews = ratingsSchema.table(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Insertion order: the tie-breaker of every sort and the key of NEWEST/OLDEST. Unique and exact,
     * unlike created_at (now() is shared by a transaction and has more precision than a JS Date).
     */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => knownProducts.productId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    rating: smallint('rating').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    verifiedPurchase: boolean('verified_purchase').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reviews_one_per_user_idx').on(t.productId, t.userId),
    index('reviews_product_seq_idx').on(t.productId, t.seq),
    index('reviews_product_rating_idx').on(t.productId, t.rating, t.seq),
    index('reviews_user_seq_idx').on(t.userId, t.seq),
    check('reviews_rating_check', sql`${t.rating} between 1 and 5`),
  ],
);
