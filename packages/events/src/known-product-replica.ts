import { eq } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from '@shop/db';
import type { ProductSnapshot } from './contracts/products';

/** A subgraph's `known_products` table: a `productId` primary key, and whatever else it keeps per product. */
export type KnownProductsTable = PgTable & { productId: PgColumn };

/** The columns a `product.created` / `product.updated` sets beside the id (a price, a name, `updatedAt`). */
export type SnapshotColumns<T extends KnownProductsTable> = (product: ProductSnapshot) => PgUpdateSetSource<T>;

/**
 * A subgraph's copy of the catalog's products, kept from product events so it can refuse unknown
 * ids without calling the products subgraph. The subgraph declares the table (its own columns
 * beside `productId`) and extends this for its own queries:
 *
 *   export class KnownProductStore extends KnownProductReplica<typeof knownProducts> { ... }
 *
 * Every method takes the executor of the consumer's inbox transaction (or the caller's).
 */
export class KnownProductReplica<T extends KnownProductsTable> {
  constructor(
    protected readonly table: T,
    private readonly snapshotColumns?: SnapshotColumns<T>,
  ) {}

  /** Idempotent: a product already known keeps its row (and whatever the subgraph counted in it). */
  async add(productId: string, db: Executor): Promise<void> {
    await db
      .insert(this.table)
      .values({ productId } as PgInsertValue<T>)
      .onConflictDoNothing();
  }

  /** product.created and product.updated both carry the whole snapshot, so both are an upsert. */
  async upsert(product: ProductSnapshot, db: Executor): Promise<void> {
    if (!this.snapshotColumns) return this.add(product.productId, db);
    const set = this.snapshotColumns(product);
    await db
      .insert(this.table)
      .values({ productId: product.productId, ...set } as PgInsertValue<T>)
      .onConflictDoUpdate({ target: this.table.productId, set });
  }

  /** Rows referencing the product (cart lines, reviews) go with it where their foreign key cascades. */
  async remove(productId: string, db: Executor): Promise<void> {
    await db.delete(this.table).where(eq(this.table.productId, productId));
  }

  /**
   * True when the product is known, its row locked until the transaction ends: `share` makes a
   * concurrent `product.deleted` wait for the caller (so what it adds meanwhile is removed too),
   * `update` also serializes writers of one product.
   */
  async lockIfKnown(productId: string, db: Executor, strength: 'share' | 'update' = 'share'): Promise<boolean> {
    const rows = await db
      .select({ productId: this.table.productId })
      .from(this.table as PgTable)
      .where(eq(this.table.productId, productId))
      .for(strength);
    return rows.length === 1;
  }
}
