import { z } from 'zod';
import type { Category, Product } from './catalog-model';
import { CatalogConflictError } from './catalog-errors';
import { productDocumentSchema } from './product-document';
import { uniqueIndexNames } from './unique-index-names';
import { defaultVariant } from './variant-rules';

/** A `products` row as drizzle returns it, parsed at the boundary into a `Product`. */
export const productRowSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    categoryId: z.string(),
    priceAmount: z.number().int().min(0),
    priceCurrency: z.string().length(3),
    published: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
    version: z.number().int().min(1),
    document: productDocumentSchema,
  })
  .transform((row): Product => ({
    id: row.id,
    sku: row.sku,
    slug: row.slug,
    name: row.name,
    description: row.document.description,
    price: { amount: row.priceAmount, currency: row.priceCurrency },
    categoryId: row.categoryId,
    images: row.document.images,
    attributes: row.document.attributes,
    published: row.published,
    options: row.document.options ?? [],
    variants: row.document.variants ?? [defaultVariant({ id: row.id, sku: row.sku, price: { amount: row.priceAmount, currency: row.priceCurrency } })],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }));

export const categoryRowSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  position: z.number().int(),
}) satisfies z.ZodType<Category>;

export const parseProducts = (rows: readonly unknown[]): Product[] => rows.map((row) => productRowSchema.parse(row));
export const parseCategories = (rows: readonly unknown[]): Category[] => rows.map((row) => categoryRowSchema.parse(row));

/** Raw rows of `db.execute`: node-postgres and PGlite both answer `{ rows }`. */
export const rowsOf = (result: unknown): unknown[] => z.object({ rows: z.array(z.unknown()) }).parse(result).rows;

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/** The driver's error, however drizzle (DrizzleQueryError), pg or PGlite wrap it. */
function pgError(error: unknown, code: string): PgErrorFields | null {
  for (let cause = error; cause instanceof Object; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as PgErrorFields).code === code) return cause as PgErrorFields;
  }
  return null;
}

type ConflictField = 'id' | 'sku' | 'slug';
const conflictByIndex: Record<string, ['product' | 'category', ConflictField]> = {
  products_pkey: ['product', 'id'],
  categories_pkey: ['category', 'id'],
  [uniqueIndexNames.productSku]: ['product', 'sku'],
  [uniqueIndexNames.productSlug]: ['product', 'slug'],
  [uniqueIndexNames.categorySlug]: ['category', 'slug'],
  [uniqueIndexNames.variantSku]: ['product', 'sku'],
  variant_keys_pkey: ['product', 'id'],
};

/**
 * Turns a unique violation (23505) into `CatalogConflictError`, naming the field from the index
 * (or, should a driver omit `constraint`, from the "Key (sku)=..." detail). Anything else is
 * rethrown untouched.
 */
export function rethrowConflict(error: unknown, entity: 'product' | 'category', values: { id?: string; sku?: string; slug?: string }): never {
  const violation = pgError(error, '23505');
  if (violation) {
    const byIndex = typeof violation.constraint === 'string' ? conflictByIndex[violation.constraint] : undefined;
    const detail = typeof violation.detail === 'string' ? /^Key \((id|sku|slug|variant_id)\)=\((.*)\) already exists/.exec(violation.detail) : null;
    const byDetail = detail?.[1] === 'variant_id' ? 'id' : detail?.[1];
    const field = byIndex?.[1] ?? (byDetail as ConflictField | undefined);
    // A variant's sku is not among `values` (they are the product's): the detail names it.
    if (field) throw new CatalogConflictError(byIndex?.[0] ?? entity, field, detail?.[2] ?? values[field] ?? '', { cause: error });
  }
  throw error;
}
