import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { cartItems, knownProducts, knownVariants } from '../db/schema';

const lineRow = z.object({
  id: z.string().uuid(),
  cartId: z.string().uuid(),
  productId: z.string(),
  variantId: z.string(),
  sku: z.string(),
  optionValues: z.array(z.object({ option: z.string(), value: z.string() })),
  categoryId: z.string(),
  productName: z.string(),
  published: z.boolean(),
  quantity: z.number().int(),
  priceAmount: z.number().int(),
  priceCurrency: z.string(),
});
/** A cart line joined with its variant's current price and sku: prices are read, never copied. */
export type CartLineRecord = z.infer<typeof lineRow>;

const columns = {
  id: cartItems.id,
  cartId: cartItems.cartId,
  productId: cartItems.productId,
  variantId: cartItems.variantId,
  sku: knownVariants.sku,
  optionValues: knownVariants.optionValues,
  categoryId: knownProducts.categoryId,
  productName: knownProducts.name,
  // For sale only while both the product and the variant are published.
  published: sql<boolean>`(${knownProducts.published} and ${knownVariants.published})`,
  quantity: cartItems.quantity,
  priceAmount: knownVariants.priceAmount,
  priceCurrency: knownVariants.priceCurrency,
};

/** SQL for cart lines; every write is scoped by cart id. */
export class CartItemStore {
  constructor(private readonly db: Executor) {}

  /** Oldest line first; one query for a batch of carts. */
  async linesFor(cartIds: readonly string[], db: Executor = this.db): Promise<CartLineRecord[]> {
    if (cartIds.length === 0) return [];
    const rows = await db
      .select(columns)
      .from(cartItems)
      .innerJoin(knownVariants, eq(knownVariants.variantId, cartItems.variantId))
      .innerJoin(knownProducts, eq(knownProducts.productId, cartItems.productId))
      .where(inArray(cartItems.cartId, [...cartIds]))
      .orderBy(asc(cartItems.createdAt), asc(cartItems.id));
    return rows.map((row) => lineRow.parse(row));
  }

  /** Adds units to the variant's line, creating it if needed (unique per cart and variant). */
  async add(cartId: string, variant: { productId: string; variantId: string }, quantity: number, db: Executor): Promise<void> {
    await db
      .insert(cartItems)
      .values({ cartId, productId: variant.productId, variantId: variant.variantId, quantity })
      .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.variantId], set: { quantity: sql`${cartItems.quantity} + ${quantity}` } });
  }

  async setQuantity(cartId: string, id: string, quantity: number, db: Executor): Promise<void> {
    await db
      .update(cartItems)
      .set({ quantity })
      .where(and(eq(cartItems.id, id), eq(cartItems.cartId, cartId)));
  }

  async delete(cartId: string, id: string, db: Executor): Promise<void> {
    await db.delete(cartItems).where(and(eq(cartItems.id, id), eq(cartItems.cartId, cartId)));
  }
}
