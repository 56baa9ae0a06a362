import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { KnownProductReplica, snapshotVariants, type ProductSnapshot } from '@shop/events';
import { knownProducts, knownVariants } from '../db/schema';

const knownProductRow = z.object({ productId: z.string(), categoryId: z.string(), priceCurrency: z.string() });
export type KnownProduct = z.infer<typeof knownProductRow>;

const knownVariantRow = z.object({ variantId: z.string(), productId: z.string(), categoryId: z.string(), priceCurrency: z.string() });
/** A variant with its product's category. */
export type KnownVariant = z.infer<typeof knownVariantRow>;

/** Created and updated carry the whole snapshot, so both simply overwrite. */
const snapshotColumns = (product: ProductSnapshot) => ({
  categoryId: product.categoryId,
  priceAmount: product.price.amount,
  priceCurrency: product.price.currency,
  published: product.published,
  updatedAt: new Date(),
});

/** The columns promotions keeps per variant. */
const variantsOf = (product: ProductSnapshot) =>
  snapshotVariants(product).map(({ variantId, productId, priceCurrency, published }) => ({ variantId, productId, priceCurrency, published }));

/** The value a conflicting insert proposed for a column. */
const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

/** SQL for the catalog (products and their variants) as learnt from product events. */
export class KnownProductStore extends KnownProductReplica<typeof knownProducts> {
  constructor(private readonly db: Executor) {
    super(knownProducts, snapshotColumns);
  }

  async findByIds(ids: readonly string[]): Promise<KnownProduct[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({ productId: knownProducts.productId, categoryId: knownProducts.categoryId, priceCurrency: knownProducts.priceCurrency })
      .from(knownProducts)
      .where(inArray(knownProducts.productId, [...ids]));
    return rows.map((row) => knownProductRow.parse(row));
  }

  /** The variants with these ids and their products' categories, in one statement. */
  async findVariants(ids: readonly string[]): Promise<KnownVariant[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({
        variantId: knownVariants.variantId,
        productId: knownVariants.productId,
        categoryId: knownProducts.categoryId,
        priceCurrency: knownVariants.priceCurrency,
      })
      .from(knownVariants)
      .innerJoin(knownProducts, eq(knownProducts.productId, knownVariants.productId))
      .where(inArray(knownVariants.variantId, [...ids]));
    return rows.map((row) => knownVariantRow.parse(row));
  }

  /** The product's row, then its variants: those missing from the snapshot are gone. */
  override async upsert(product: ProductSnapshot, db: Executor): Promise<void> {
    await super.upsert(product, db);
    const variants = variantsOf(product);
    const ids = variants.map((variant) => variant.variantId);
    await db.delete(knownVariants).where(and(eq(knownVariants.productId, product.productId), notInArray(knownVariants.variantId, ids)));
    await db
      .insert(knownVariants)
      .values(variants)
      .onConflictDoUpdate({
        target: knownVariants.variantId,
        set: { productId: sqlExcluded('product_id'), priceCurrency: sqlExcluded('price_currency'), published: sqlExcluded('published') },
      });
  }

  override async remove(productId: string, db: Executor): Promise<void> {
    await db.delete(knownVariants).where(eq(knownVariants.productId, productId));
    await super.remove(productId, db);
  }
}
