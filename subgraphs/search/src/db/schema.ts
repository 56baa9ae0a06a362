import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { categoryReplicaTable, outboxTables } from '@shop/events';

export const searchSchema = pgSchema('search');

/** The inbox deduplicates consumed events. Search publishes no events, so it has no outbox. */
export const { inbox } = outboxTables(searchSchema);

/** A published variant as search keeps it. */
export interface IndexedVariant {
  /** Minor units, in the product's currency. */
  price: number;
  /** Option name -> value name. */
  options: Record<string, string>;
}

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * One row per product id ever heard of, built from three event streams that may arrive in any
 * order. Each aspect (catalog data, stock, rating) remembers when its latest event occurred, so an
 * older event never overwrites a newer one. Only rows with catalog data that are published and not
 * deleted are searchable (see `visible` in the search store).
 */
export const documents = searchSchema.table(
  'documents',
  {
    productId: text('product_id').primaryKey(),
    name: text('name'),
    sku: text('sku'),
    categoryId: text('category_id'),
    priceAmount: integer('price_amount'),
    priceCurrency: text('price_currency'),
    /**
     * The product's published variants, `[{ price, options: { Size: "M", ... } }]` in variant
     * order, from the same product events; null for a document indexed before variants (then
     * the product's price stands for its one default variant). Option filters, option facets and
     * price filters read it.
     */
    variants: jsonb('variants').$type<IndexedVariant[]>(),
    published: boolean('published').notNull().default(false),
    deleted: boolean('deleted').notNull().default(false),
    /** When the product was created (occurredAt of product.created); NEWEST sorts on it. */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }),
    productChangedAt: timestamp('product_changed_at', { withTimezone: true, precision: 3 }),
    /** Until inventory reports, a product counts as out of stock. */
    inStock: boolean('in_stock').notNull().default(false),
    stock: integer('stock').notNull().default(0),
    stockChangedAt: timestamp('stock_changed_at', { withTimezone: true, precision: 3 }),
    averageRating: doublePrecision('average_rating'),
    reviewCount: integer('review_count').notNull().default(0),
    ratingChangedAt: timestamp('rating_changed_at', { withTimezone: true, precision: 3 }),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(sku, '')), 'A') || setweight(to_tsvector('english', coalesce(category_id, '')), 'C')`,
    ),
  },
  (t) => [
    index('documents_search_vector_idx').using('gin', t.searchVector),
    index('documents_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('documents_category_idx').on(t.categoryId),
    index('documents_price_idx').on(t.priceAmount, t.productId),
    index('documents_created_idx').on(t.createdAt, t.productId),
  ],
);

/**
 * The vocabulary: every lexeme any document's search vector ever held. Typo tolerance expands a
 * query word to the terms trigram-similar to it, then searches the documents' GIN index with
 * them. Terms are never removed: a stale term only expands to a query that matches nothing.
 */
export const terms = searchSchema.table('terms', {
  term: text('term').primaryKey(),
});

/** The catalog's categories, from `category.changed`: which ids and slugs a filter may name. */
export const categories = categoryReplicaTable(searchSchema);
