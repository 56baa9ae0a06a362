import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { categoryReplicaTable, outboxTables } from '@shop/events';

export const promotionsSchema = pgSchema('promotions');

/** Events leave in the same transaction as the state change that caused them; consumed ones are deduplicated in the inbox. */
export const { outbox, outboxLease, inbox } = outboxTables(promotionsSchema);

/**
 * Discounts an admin runs. A promotion without a coupon code is automatic; coupon codes are stored
 * upper case so the unique constraint makes them unique case-insensitively.
 */
export const promotions = promotionsSchema.table(
  'promotions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Listing order (newest first) and keyset of the admin list.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind', { enum: ['PERCENTAGE', 'FIXED_AMOUNT'] }).notNull(),
    /** PERCENTAGE: basis points (1500 = 15 %); FIXED_AMOUNT: minor units of `currency`. */
    value: integer('value').notNull(),
    currency: text('currency'),
    couponCode: text('coupon_code').unique(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    productIds: text('product_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    categoryIds: text('category_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    variantIds: text('variant_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    minimumSubtotalAmount: integer('minimum_subtotal_amount'),
    minimumSubtotalCurrency: text('minimum_subtotal_currency'),
    usageLimit: integer('usage_limit'),
    perCustomerLimit: integer('per_customer_limit'),
    active: boolean('active').notNull().default(true),
    /** Kept in step with promotion_usages under the row lock, so limits hold under concurrency. */
    timesUsed: integer('times_used').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('promotions_seq_idx').on(t.seq),
    index('promotions_automatic_idx')
      .on(t.active, t.startsAt)
      .where(sql`${t.couponCode} is null`),
  ],
);

/** One row per (promotion, order): recording the same order twice is a no-op. */
export const promotionUsages = promotionsSchema.table(
  'promotion_usages',
  {
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.promotionId, t.orderId] }), index('promotion_usages_customer_idx').on(t.promotionId, t.customerId)],
);

/**
 * The catalog as learnt from `product.created` / `product.updated`: promotions never calls the
 * products subgraph, so this is where a product's category (for category promotions) and
 * existence (UNKNOWN_PRODUCT) come from.
 */
export const knownProducts = promotionsSchema.table('known_products', {
  productId: text('product_id').primaryKey(),
  categoryId: text('category_id').notNull(),
  priceAmount: integer('price_amount').notNull(),
  priceCurrency: text('price_currency').notNull(),
  published: boolean('published').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The variants of `known_products`, from the same events (the whole list each time): which variant
 * ids a promotion may name, and which product (hence category) a `ProductVariant` reference is of.
 */
export const knownVariants = promotionsSchema.table(
  'known_variants',
  {
    variantId: text('variant_id').primaryKey(),
    productId: text('product_id').notNull(),
    priceCurrency: text('price_currency').notNull(),
    published: boolean('published').notNull(),
  },
  (t) => [index('known_variants_product_idx').on(t.productId)],
);

/** The catalog's categories, from `category.changed`: which ids and slugs a promotion may name. */
export const categories = categoryReplicaTable(promotionsSchema);
