import { z } from 'zod';
import { defineEvent } from '../define-event';

/** Every inventory event, keyed by product id so one product's stock changes stay in order. */
export const inventoryTopic = 'shop.inventory';

/**
 * The units of a product available to sell changed (an admin adjustment, a reservation made,
 * released or expired). `stock` is on hand minus active reservations, never negative; consumers
 * such as search keep the latest value per product.
 */
export const stockChanged = defineEvent({
  type: 'stock.changed',
  topic: inventoryTopic,
  version: 1,
  schema: z.object({
    productId: z.string().min(1),
    stock: z.number().int().min(0),
    inStock: z.boolean(),
  }),
});

export type StockChanged = z.infer<typeof stockChanged.schema>;
