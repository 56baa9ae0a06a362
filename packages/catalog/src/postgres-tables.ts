import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text, timestamp, uniqueIndex, uuid, type AnyPgColumn, type PgSchema } from 'drizzle-orm/pg-core';
import type { ProductAttribute, ProductImage } from './catalog-model';
import type { ProductOption, ProductVariant } from './variant-model';
import { uniqueIndexNames } from './unique-index-names';

/** The JSONB part of a product row: what is displayed but never filtered or sorted on. */
export interface ProductDocument {
  description: string;
  images: ProductImage[];
  attributes: ProductAttribute[];
  /** Absent only on rows written before variants (see `productDocumentSchema`). */
  options?: ProductOption[];
  variants?: ProductVariant[];
}

/**
 * The catalog tables inside the owning subgraph's Postgres schema. The products subgraph spreads
 * them into its drizzle schema file so drizzle-kit generates their migrations with its own tables:
 *
 *   export const { products, categories } = catalogTables(pgSchema('products'));
 *
 * Queryable fields are columns; the rest lives in `document`. `name_key` (case-folded name) is
 * compared with `COLLATE "C"` so NAME_ASC orders exactly as the MongoDB adapter does.
 */
export function catalogTables(schema: PgSchema) {
  const categories = schema.table(
    'categories',
    {
      id: uuid('id').primaryKey(),
      slug: text('slug').notNull(),
      name: text('name').notNull(),
      parentId: uuid('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
      position: integer('position').notNull().default(0),
    },
    (t) => [uniqueIndex(uniqueIndexNames.categorySlug).on(t.slug), index('categories_parent_position_idx').on(t.parentId, t.position, t.id)],
  );

  const products = schema.table(
    'products',
    {
      id: uuid('id').primaryKey(),
      sku: text('sku').notNull(),
      slug: text('slug').notNull(),
      name: text('name').notNull(),
      nameKey: text('name_key').notNull(),
      // No foreign key: the MongoDB adapter cannot enforce one, and both adapters must agree.
      categoryId: uuid('category_id').notNull(),
      priceAmount: integer('price_amount').notNull(),
      priceCurrency: text('price_currency').notNull(),
      published: boolean('published').notNull().default(false),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
      version: integer('version').notNull().default(1),
      document: jsonb('document').$type<ProductDocument>().notNull(),
    },
    (t) => [
      uniqueIndex(uniqueIndexNames.productSku).on(t.sku),
      uniqueIndex(uniqueIndexNames.productSlug).on(t.slug),
      index('products_category_idx').on(t.categoryId),
      index('products_newest_idx').on(t.createdAt.desc(), t.id.desc()),
      index('products_price_idx').on(t.priceAmount, t.id),
      index('products_name_idx').on(sql`${t.nameKey} COLLATE "C"`, t.id),
      check('products_price_amount_check', sql`${t.priceAmount} >= 0`),
      check('products_price_currency_check', sql`${t.priceCurrency} ~ '^[A-Z]{3}$'`),
      check('products_version_check', sql`${t.version} >= 1`),
    ],
  );

  /**
   * One row per variant: the unique sku across the catalog (a JSONB array element cannot carry a
   * unique index) and the variant id -> product lookup of `getProductsOfVariants`. Written in the
   * same transaction as the product's document, which stays the source of every variant field.
   */
  const variantKeys = schema.table(
    'variant_keys',
    {
      variantId: uuid('variant_id').primaryKey(),
      sku: text('sku').notNull(),
      productId: uuid('product_id')
        .notNull()
        .references((): AnyPgColumn => products.id, { onDelete: 'cascade' }),
    },
    (t) => [uniqueIndex(uniqueIndexNames.variantSku).on(t.sku), index('variant_keys_product_idx').on(t.productId)],
  );

  return { products, categories, variantKeys };
}

export type CatalogTables = ReturnType<typeof catalogTables>;
export type ProductsTable = CatalogTables['products'];
export type CategoriesTable = CatalogTables['categories'];
export type VariantKeysTable = CatalogTables['variantKeys'];
