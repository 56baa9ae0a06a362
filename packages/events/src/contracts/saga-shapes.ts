import { z } from 'zod';

/**
 * The participants' answers to the checkout saga's requests, the one topic the orchestrator
 * (orders' `orders-saga` group) reads besides `shop.inventory`, keyed by ORDER id: one order's
 * answers stay in order, and no other consumer group of a domain topic (orders' promotion and
 * shipping-rate replicas, notifications) receives and skips them. Answers that other groups read
 * too (`shipment.shipped`, `shipment.delivered`) are written here and to their domain topic;
 * `stock.*` stays on `shop.inventory`, which search reads for stock levels, and payment events on
 * `shop.payments`, so one topic holds an order's payment events in order.
 */
export const orderRepliesTopic = 'shop.orders.replies';

/** An ISO 4217 currency code, upper case (`EUR`). */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/);

/** Integer minor units plus an ISO 4217 code; never a float. */
export const money = z.object({ amount: z.number().int().min(0), currency: currencyCode });

/** Where an order ships to (country ISO 3166-1 alpha-2, upper case). */
export const address = z.object({
  name: z.string().min(1),
  line1: z.string().min(1),
  line2: z.string().min(1).nullable(),
  city: z.string().min(1),
  region: z.string().min(1).nullable(),
  postalCode: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/),
});

/**
 * The variant a line or quantity is of. Optional only so events recorded before variants (and
 * consumers that count per product) keep parsing: absent means the product's default variant,
 * whose id is the product's id.
 */
const variantId = z.string().min(1).optional();

/** One order line as placed: the cart line frozen at placement. */
export const orderLine = z.object({
  lineId: z.string().min(1),
  productId: z.string().min(1),
  variantId,
  /** The variant's sku when ordered. */
  sku: z.string().min(1).optional(),
  categoryId: z.string().min(1),
  quantity: z.number().int().min(1),
  unitPrice: money,
});

/** Units of one variant of a product (reservations, shipments, restocks). */
export const productQuantity = z.object({ productId: z.string().min(1), variantId, quantity: z.number().int().min(1) });

/** The variant of a line or quantity: its own id, or (recorded before variants) its product's default variant. */
export const variantOf = (item: { productId: string; variantId?: string | undefined }): string => item.variantId ?? item.productId;

/**
 * Money everywhere in the shop (events, catalog, payments, tax, orders): integer minor units
 * (cents, never a float) and an ISO 4217 code: `{ amount: 1299, currency: 'EUR' }` is EUR 12.99.
 */
export type Money = z.infer<typeof money>;
export type Address = z.infer<typeof address>;
export type OrderLine = z.infer<typeof orderLine>;
export type ProductQuantity = z.infer<typeof productQuantity>;
