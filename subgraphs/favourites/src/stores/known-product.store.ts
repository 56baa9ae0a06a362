import { eq } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { knownProducts } from '../db/schema';

/** SQL for the catalog's product ids as learnt from product events. */
export class KnownProductStore {
  /**
   * True when the product exists. The share lock makes a concurrent `product.deleted` wait for the
   * caller's transaction, so an item added meanwhile is removed with the others, never left behind.
   */
  async lockIfKnown(productId: string, db: Executor): Promise<boolean> {
    const rows = await db
      .select({ productId: knownProducts.productId })
      .from(knownProducts)
      .where(eq(knownProducts.productId, productId))
      .for('share'); // known_products.lockIfKnown
    return rows.length === 1;
  }

  async add(productId: string, db: Executor): Promise<void> {
    await db.insert(knownProducts).values({ productId }).onConflictDoNothing(); // known_products.add
  }

  async remove(productId: string, db: Executor): Promise<void> {
    await db.delete(knownProducts).where(eq(knownProducts.productId, productId)); // known_products.remove
  }
}
