import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const ordersSchema = pgSchema('orders');

/** Events leave in the same transaction as the state change; the inbox deduplicates product events. */
export const { outbox, inbox } = outboxTables(ordersSchema);

/**
 * What orders knows of the catalog, kept from `product.created/updated/deleted`. Cart lines
 * reference a row here, so a price change shows in every open cart the next time it is read.
 */
export const knownProducts = ordersSchema.table('known_products', {
  productId: text('product_id').primaryKey(),
  sku: text('sku').notNull(),
  name: text('name').notNull(),
  categoryId: text('category_id').notNull(),
  priceAmount: integer('price_amount').notNull(),
  priceCurrency: text('price_currency').notNull(),
  published: boolean('published').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A postal address as stored on a cart (validated by the service). */
export interface StoredAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

/** Shopping carts; a user has at most one `open` cart (partial unique index). */
export const carts = ordersSchema.table(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    status: text('status').notNull().default('open'),
    /** Set by the first line, cleared when the last line leaves: a cart holds one currency. */
    currency: text('currency'),
    couponCode: text('coupon_code'),
    shippingAddress: jsonb('shipping_address').$type<StoredAddress>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('carts_one_open_per_user_idx').on(t.userId).where(sql`${t.status} = 'open'`)],
);

/** One line per product per cart; the price is not stored but read from `known_products`. */
export const cartItems = ordersSchema.table(
  'cart_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    productId: text('product_id')
      .notNull()
      .references(() => knownProducts.productId, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cart_items_cart_product_idx').on(t.cartId, t.productId),
    index('cart_items_product_idx').on(t.productId),
    check('cart_items_quantity_check', sql`${t.quantity} between 1 and 99`),
  ],
);
