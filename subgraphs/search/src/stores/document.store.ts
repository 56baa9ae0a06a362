import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { snapshotVariants, type ProductSnapshot } from '@shop/events';
import type { IndexedVariant } from '../db/schema';

/** What option filters and facets need of a product: its published variants' prices and option values. */
function indexedVariants(product: ProductSnapshot): IndexedVariant[] {
  return snapshotVariants(product)
    .filter((variant) => variant.published)
    .map((variant) => ({ price: variant.priceAmount, options: Object.fromEntries(variant.optionValues.map((value) => [value.option, value.value])) }));
}

/**
 * Writes the index from events. Every aspect of a document (catalog data, stock, rating) is
 * upserted on its own and keeps the time of the event it came from: an event older than the one
 * already applied changes nothing, so events may arrive in any order across topics (stock before
 * the product, a replayed update after a newer one) without losing or reverting data.
 */
export class DocumentStore {
  /** Catalog data from product.created / product.updated; the document becomes visible if published. */
  async upsertProduct(tx: Executor, product: ProductSnapshot, occurredAt: Date): Promise<void> {
    const newer = sql`(d.product_changed_at is null or d.product_changed_at <= excluded.product_changed_at)`;
    const take = (column: string): SQL => sql`${sql.raw(column)} = case when ${newer} then excluded.${sql.raw(column)} else d.${sql.raw(column)} end`;
    const at = occurredAt.toISOString();
    await tx.execute(sql`insert into search.documents as d
        (product_id, name, sku, category_id, price_amount, price_currency, variants, published, deleted, created_at, product_changed_at)
      values (${product.productId}, ${product.name}, ${product.sku}, ${product.categoryId}, ${product.price.amount},
        ${product.price.currency}, ${JSON.stringify(indexedVariants(product))}::jsonb, ${product.published}, false, ${at}, ${at})
      on conflict (product_id) do update set
        ${sql.join(['name', 'sku', 'category_id', 'price_amount', 'price_currency', 'variants', 'published', 'deleted', 'product_changed_at'].map(take), sql`, `)},
        created_at = least(d.created_at, excluded.created_at)`);
    await tx.execute(sql`insert into search.terms (term)
      select distinct unnest(tsvector_to_array(search_vector)) from search.documents where product_id = ${product.productId}
      on conflict do nothing`);
  }

  /** product.deleted: a tombstone, so an older catalog event arriving later cannot revive it. */
  async markDeleted(tx: Executor, productId: string, occurredAt: Date): Promise<void> {
    const at = occurredAt.toISOString();
    await tx.execute(sql`insert into search.documents as d (product_id, deleted, product_changed_at)
      values (${productId}, true, ${at})
      on conflict (product_id) do update set deleted = true, product_changed_at = excluded.product_changed_at
      where d.product_changed_at is null or d.product_changed_at <= excluded.product_changed_at`);
  }

  /** stock.changed; may come before the product exists (the row then waits for catalog data). */
  async upsertStock(tx: Executor, productId: string, stock: { stock: number; inStock: boolean }, occurredAt: Date): Promise<void> {
    const at = occurredAt.toISOString();
    await tx.execute(sql`insert into search.documents as d (product_id, stock, in_stock, stock_changed_at)
      values (${productId}, ${stock.stock}, ${stock.inStock}, ${at})
      on conflict (product_id) do update set stock = excluded.stock, in_stock = excluded.in_stock, stock_changed_at = excluded.stock_changed_at
      where d.stock_changed_at is null or d.stock_changed_at <= excluded.stock_changed_at`);
  }

  /** product.rating-changed; like stock, independent of the catalog data's arrival. */
  async upsertRating(tx: Executor, productId: string, rating: { averageRating: number | null; reviewCount: number }, occurredAt: Date): Promise<void> {
    const at = occurredAt.toISOString();
    await tx.execute(sql`insert into search.documents as d (product_id, average_rating, review_count, rating_changed_at)
      values (${productId}, ${rating.averageRating}, ${rating.reviewCount}, ${at})
      on conflict (product_id) do update set average_rating = excluded.average_rating, review_count = excluded.review_count,
        rating_changed_at = excluded.rating_changed_at
      where d.rating_changed_at is null or d.rating_changed_at <= excluded.rating_changed_at`);
  }
}
