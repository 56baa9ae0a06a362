import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { knownProducts, knownVariants, type StoredOptionValue } from '../db/schema';

const variantRow = z.object({
  variantId: z.string(),
  productId: z.string(),
  sku: z.string(),
  priceAmount: z.number().int(),
  priceCurrency: z.string(),
  published: z.boolean(),
  position: z.number().int(),
  optionValues: z.array(z.object({ option: z.string(), value: z.string() })),
});
export type KnownVariant = z.infer<typeof variantRow>;

/** A variant with what a cart needs of its product: for sale only when both are published. */
export type SellableVariant = KnownVariant & { productPublished: boolean };

const columns = {
  variantId: knownVariants.variantId,
  productId: knownVariants.productId,
  sku: knownVariants.sku,
  priceAmount: knownVariants.priceAmount,
  priceCurrency: knownVariants.priceCurrency,
  published: knownVariants.published,
  position: knownVariants.position,
  optionValues: knownVariants.optionValues,
};
const sellable = variantRow.extend({ productPublished: z.boolean() });

/** SQL for orders' copy of the catalog's variants, written only by the product-events consumer. */
export class KnownVariantStore {
  constructor(private readonly db: Executor) {}

  async find(variantId: string, db: Executor = this.db): Promise<SellableVariant | null> {
    const rows = await db
      .select({ ...columns, productPublished: knownProducts.published })
      .from(knownVariants)
      .innerJoin(knownProducts, eq(knownProducts.productId, knownVariants.productId))
      .where(eq(knownVariants.variantId, variantId));
    return rows[0] ? sellable.parse(rows[0]) : null;
  }

  /** The product's variants in catalog order. */
  async ofProduct(productId: string, db: Executor = this.db): Promise<KnownVariant[]> {
    const rows = await db.select(columns).from(knownVariants).where(eq(knownVariants.productId, productId)).orderBy(asc(knownVariants.position));
    return rows.map((row) => variantRow.parse(row));
  }

  /**
   * Makes the product's rows exactly `variants` (each event carries the whole list): upserts each
   * and drops the others, whose cart lines go with them (ON DELETE CASCADE).
   */
  async replaceForProduct(productId: string, variants: KnownVariant[], db: Executor): Promise<void> {
    const ids = variants.map((variant) => variant.variantId);
    await db.delete(knownVariants).where(and(eq(knownVariants.productId, productId), ids.length > 0 ? notInArray(knownVariants.variantId, ids) : undefined));
    if (variants.length === 0) return;
    await db
      .insert(knownVariants)
      .values(variants.map((variant) => ({ ...variant, optionValues: variant.optionValues satisfies StoredOptionValue[] })))
      .onConflictDoUpdate({
        target: knownVariants.variantId,
        set: {
          sku: sql`excluded.sku`,
          priceAmount: sql`excluded.price_amount`,
          priceCurrency: sql`excluded.price_currency`,
          published: sql`excluded.published`,
          position: sql`excluded.position`,
          optionValues: sql`excluded.option_values`,
          updatedAt: sql`now()`,
        },
      });
  }
}
