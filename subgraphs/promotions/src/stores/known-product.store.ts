import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { KnownProductReplica, type ProductSnapshot } from '@shop/events';
import { knownProducts } from '../db/schema';

const knownProductRow = z.object({ productId: z.string(), categoryId: z.string(), priceCurrency: z.string() });
export type KnownProduct = z.infer<typeof knownProductRow>;

/** Created and updated carry the whole snapshot, so both simply overwrite. */
const snapshotColumns = (product: ProductSnapshot) => ({
  categoryId: product.categoryId,
  priceAmount: product.price.amount,
  priceCurrency: product.price.currency,
  published: product.published,
  updatedAt: new Date(),
});

/** SQL for the catalog as learnt from product events. */
export class KnownProductStore extends KnownProductReplica<typeof knownProducts> {
  constructor(private readonly db: Executor) {
    super(knownProducts, snapshotColumns);
  }

  async findByIds(ids: readonly string[]): Promise<KnownProduct[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({ productId: knownProducts.productId, categoryId: knownProducts.categoryId, priceCurrency: knownProducts.priceCurrency })
      .from(knownProducts)
      .where(inArray(knownProducts.productId, [...ids])); // known_products.findByIds
    return rows.map((row) => knownProductRow.parse(row));
  }
}
