import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CouponRejection } from '@shop/discounts';
import { outboxTables, type CouponRule } from '@shop/events';

export const ordersSchema = pgSchema('orders');

/** Events leave in the same transaction as the state change; the inbox deduplicates product events. */
export const { outbox, outboxLease, inbox } = outboxTables(ordersSchema);

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

/** One option value of a variant by name, e.g. `{ option: 'Size', value: 'M' }`. */
export interface StoredOptionValue {
  option: string;
  value: string;
}

/**
 * The sellable variants of the known products, from the `variants` of product.created/updated
 * (an event recorded before variants meant one default variant with the product's id, sku and
 * price). Cart lines reference a row here, so a variant's new price shows in every open cart.
 */
export const knownVariants = ordersSchema.table(
  'known_variants',
  {
    variantId: text('variant_id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => knownProducts.productId, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    priceAmount: integer('price_amount').notNull(),
    priceCurrency: text('price_currency').notNull(),
    published: boolean('published').notNull(),
    position: integer('position').notNull().default(0),
    /** In the product's option order. */
    optionValues: jsonb('option_values').$type<StoredOptionValue[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('known_variants_product_idx').on(t.productId)],
);

/**
 * What orders knows of the shop's coupons, kept from `promotion.created/updated/deactivated`:
 * enough to tell a shopper at once why a code does not apply. Promotions stays the authority on
 * what a cart and an order are discounted (`Cart.couponRejection`, the saga's discount step).
 */
export const knownCoupons = ordersSchema.table(
  'known_coupons',
  {
    promotionId: text('promotion_id').primaryKey(),
    /** Upper case. Not unique here: events of two promotions may arrive out of order while a code moves from one to the other. */
    couponCode: text('coupon_code').notNull(),
    /** The coupon's `couponRule` of the promotion contract (dates as ISO strings). */
    rule: jsonb('rule').$type<CouponRule>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('known_coupons_code_idx').on(t.couponCode)],
);

/**
 * The shipping options carts may choose, kept from `shipping-rate.changed/deleted`: where each
 * ships and in which currency, so `setShippingMethod` refuses an option that cannot serve the cart
 * and an address change clears one that no longer does. Prices stay with shipping (the quote).
 */
export const knownShippingRates = ordersSchema.table('known_shipping_rates', {
  rateId: text('rate_id').primaryKey(),
  country: text('country').notNull(),
  currency: text('currency').notNull(),
  carrier: text('carrier').notNull(),
  name: text('name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The addresses users proved they own (users' `user.email-verified`): a signed-in user claims the
 * guest orders placed with theirs (`claimGuestOrders`). One row per user: the latest verified.
 */
export const verifiedEmails = ordersSchema.table('verified_emails', {
  userId: text('user_id').primaryKey(),
  email: text('email').notNull(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
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

/**
 * Shopping carts; a user has at most one `open` cart, and so has a guest (partial unique indexes).
 * A guest cart has no user but the guest key (SHA-256 of the cart token, which is never stored).
 */
export const carts = ordersSchema.table(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a guest's cart. */
    userId: uuid('user_id'),
    /** The guest's key (`cartTokenKey` of the token `addToCart` returned); null for a user's cart. */
    guestKey: text('guest_key'),
    /** `open`, `ordered` (placeOrder) or `merged` (mergeGuestCart moved its lines to an account's cart). */
    status: text('status').notNull().default('open'),
    /** Set by the first line, cleared when the last line leaves: a cart holds one currency. */
    currency: text('currency'),
    couponCode: text('coupon_code'),
    shippingAddress: jsonb('shipping_address').$type<StoredAddress>(),
    /** The shipping option (a shipping rate id) the shopper chose; null: the cheapest. */
    shippingMethodId: text('shipping_method_id'),
    /** Why the chosen shipping option was cleared (an address it does not serve, a withdrawn rate); null otherwise. */
    shippingMethodNotice: text('shipping_method_notice'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('carts_one_open_per_user_idx')
      .on(t.userId)
      .where(sql`${t.status} = 'open'`),
    uniqueIndex('carts_one_open_per_guest_idx')
      .on(t.guestKey)
      .where(sql`${t.status} = 'open'`),
    index('carts_guest_key_idx').on(t.guestKey),
    check('carts_owner_check', sql`(${t.userId} is null) <> (${t.guestKey} is null)`),
  ],
);

/** One line per variant per cart; the price is not stored but read from `known_variants`. */
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
    variantId: text('variant_id')
      .notNull()
      .references(() => knownVariants.variantId, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cart_items_cart_variant_idx').on(t.cartId, t.variantId),
    index('cart_items_product_idx').on(t.productId),
    index('cart_items_variant_idx').on(t.variantId),
    check('cart_items_quantity_check', sql`${t.quantity} between 1 and 99`),
  ],
);

/** A line as frozen on an order at placement (prices never change afterwards). */
export interface StoredOrderLine {
  lineId: string;
  productId: string;
  /** Lines of orders placed before variants have their product's default variant (the product's id). */
  variantId: string;
  /** The variant's sku when ordered; null only for a line placed before variants whose product had left the catalog. */
  sku: string | null;
  /** The variant's option values when ordered. */
  optionValues: StoredOptionValue[];
  productName: string;
  categoryId: string;
  quantity: number;
  unitPrice: number;
  /** This line's share of the discount, once promotions answered. */
  discount: number | null;
}

/** A promotion that priced the order (from order.discounted). */
export interface StoredAppliedPromotion {
  promotionId: string;
  name: string;
  couponCode: string | null;
  amount: number;
}

/** The order's coupon when promotions did not price the order with it (from order.discounted). */
export type StoredCouponRejection = CouponRejection;

/**
 * Orders and their saga state: the row IS the state machine. Every saga step locks the row, checks
 * the status it expects, writes the new state and the next request to the outbox in one transaction.
 * Amounts are minor units of `currency`; null until the step that fixes them has answered.
 */
export const orders = ordersSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order for keyset pagination. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** The user's id, or `guest:<guest key>` for a guest's order (`guestCustomerId`). */
    customerId: text('customer_id').notNull(),
    /** A guest order's guest key: the cart token it was placed with reads it. Null for a user's order. */
    guestKey: text('guest_key'),
    /** A guest order's contact e-mail (its mails go there); null for a user's order. */
    contactEmail: text('contact_email'),
    cartId: uuid('cart_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    lines: jsonb('lines').$type<StoredOrderLine[]>().notNull(),
    couponCode: text('coupon_code'),
    shippingAddress: jsonb('shipping_address').$type<StoredAddress>().notNull(),
    /** A provider token (e.g. tok_visa), never a card number. */
    paymentToken: text('payment_token').notNull(),
    subtotal: integer('subtotal').notNull(),
    discount: integer('discount'),
    promotions: jsonb('promotions').$type<StoredAppliedPromotion[]>(),
    couponRejection: jsonb('coupon_rejection').$type<StoredCouponRejection>(),
    shippingCost: integer('shipping_cost'),
    carrier: text('carrier'),
    tax: integer('tax'),
    total: integer('total'),
    cancelCode: text('cancel_code'),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A claimed guest order keeps its guest key, so it never collides with the claiming user's own keys.
    uniqueIndex('orders_customer_idempotency_idx').on(t.customerId, sql`coalesce(${t.guestKey}, '')`, t.idempotencyKey),
    uniqueIndex('orders_seq_idx').on(t.seq),
    index('orders_customer_seq_idx').on(t.customerId, t.seq),
    index('orders_guest_key_idx').on(t.guestKey),
    index('orders_status_seq_idx').on(t.status, t.seq),
  ],
);

/** Every status an order went through, in order (`position` 1, 2, ...). */
export const orderStatusHistory = ordersSchema.table(
  'order_status_history',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('order_status_history_pk').on(t.orderId, t.position)],
);
