import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { knownProducts } from '../db/schema';

const knownProductRow = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  categoryId: z.string(),
  priceAmount: z.number().int(),
  priceCurrency: z.string(),
  published: z.boolean(),
});
export type KnownProduct = z.infer<typeof knownProductRow>;

const columns = {
  productId: knownProducts.productId,
  sku: knownProducts.sku,
  name: knownProducts.name,
  categoryId: knownProducts.categoryId,
  priceAmount: knownProducts.priceAmount,
  priceCurrency: knownProducts.priceCurrency,
  published: knownProducts.published,
};

/** SQL for orders' copy of the catalog, written only by the product-events consumer. */
export class KnownProductStore {
  constructor(private readonly db: Executor) {}

  async find(productId: string, db: Executor = this.db): Promise<KnownProduct | null> {
    const rows = await db.select(columns).from(knownProducts).where(eq(knownProducts.productId, productId));
    return rows[0] ? knownProductRow.parse(rows[0]) : null;
  }

  /** product.created and product.updated both carry the whole snapshot, so both are an upsert. */
  async upsert(product: KnownProduct, db: Executor): Promise<void> {
    const { productId: _key, ...rest } = product;
    await db
      .insert(knownProducts)
      .values(product)
      .onConflictDoUpdate({ target: knownProducts.productId, set: { ...rest, updatedAt: new Date() } });
  }

  /** Cart lines holding the product go with it (ON DELETE CASCADE). */
  async delete(productId: string, db: Executor): Promise<void> {
    await db.delete(knownProducts).where(eq(knownProducts.productId, productId));
  }
}
