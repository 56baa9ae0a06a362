import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import type { ProductSnapshot } from '@shop/events';
import { knownProducts } from '../db/schema';

const knownProductRow = z.object({ productId: z.string(), categoryId: z.string(), priceCurrency: z.string() });
export type KnownProduct = z.infer<typeof knownProductRow>;

/** SQL for the catalog as learnt from product events. */
export class KnownProductStore {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<KnownProduct[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({ productId: knownProducts.productId, categoryId: knownProducts.categoryId, priceCurrency: knownProducts.priceCurrency })
      .from(knownProducts)
      .where(inArray(knownProducts.productId, [...ids])); // known_products.findByIds
    return rows.map((row) => knownProductRow.parse(row));
  }

  /** Created and updated carry the whole snapshot, so both simply overwrite. */
  async upsert(product: ProductSnapshot, db: Executor): Promise<void> {
    const values = {
      categoryId: product.categoryId,
      priceAmount: product.price.amount,
      priceCurrency: product.price.currency,
      published: product.published,
      updatedAt: new Date(),
    };
    await db
      .insert(knownProducts)
      .values({ productId: product.productId, ...values })
      .onConflictDoUpdate({ target: knownProducts.productId, set: values }); // known_products.upsert
  }

  async remove(productId: string, db: Executor): Promise<void> {
    await db.delete(knownProducts).where(eq(knownProducts.productId, productId)); // known_products.remove
  }
}
