import { z } from 'zod';
import { defineDataEvent } from '../define-event';
import { productQuantity } from './saga-shapes';

/** Every inventory event, keyed by product id so one product's stock changes stay in order. */
export const inventoryTopic = 'shop.inventory';

/**
 * The units of a product available to sell changed (an admin adjustment, a reservation made,
 * released or expired). `stock` is on hand minus active reservations summed over the product's
 * variants, never negative, and `inStock` whether any variant has a unit; consumers such as search
 * keep the latest value per product. `variant` is the variant whose stock changed (absent in
 * events recorded before variants).
 */
export const stockChanged = defineDataEvent({
  type: 'stock.changed',
  topic: inventoryTopic,
  data: {
    productId: z.string().min(1),
    stock: z.number().int().min(0),
    inStock: z.boolean(),
    variant: z.object({ variantId: z.string().min(1), stock: z.number().int().min(0), inStock: z.boolean() }).optional(),
  },
});

export type StockChanged = z.infer<typeof stockChanged.schema>;

const productQuantities = z.array(productQuantity).min(1);

/** Saga reply (keyed by ORDER id): every unit of the order is held until `expiresAt`. */
export const stockReserved = defineDataEvent({
  type: 'stock.reserved',
  topic: inventoryTopic,
  data: { orderId: z.string().min(1), items: productQuantities, expiresAt: z.iso.datetime({ offset: true }) },
});

/**
 * Saga reply (keyed by ORDER id): not enough stock for at least one variant; nothing is held.
 * `productIds` are the products of the variants at fault, `variantIds` the variants themselves
 * (absent in events recorded before variants).
 */
export const stockRejected = defineDataEvent({
  type: 'stock.rejected',
  topic: inventoryTopic,
  data: {
    orderId: z.string().min(1),
    productIds: z.array(z.string().min(1)).min(1),
    variantIds: z.array(z.string().min(1)).min(1).optional(),
    reason: z.string().min(1),
  },
});

/**
 * An order's held units went back on sale (keyed by ORDER id): `cancelled` after order.cancelled,
 * `expired` when the reservation's time ran out before the order was confirmed.
 */
export const stockReleased = defineDataEvent({
  type: 'stock.released',
  topic: inventoryTopic,
  data: { orderId: z.string().min(1), items: productQuantities, reason: z.enum(['cancelled', 'expired']) },
});

export type StockReserved = z.infer<typeof stockReserved.schema>;
export type StockRejected = z.infer<typeof stockRejected.schema>;
export type StockReleased = z.infer<typeof stockReleased.schema>;
