import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '@shop/db';
import { parseCatalogStoreOptions, type PostgresCatalogStoreOptions } from './postgres-catalog-options';
import { outboxTables, startOutboxRelay, type OutboxLeaseTable, type OutboxTable } from '@shop/events';
import type { CatalogStore } from './catalog-store';
import type { CatalogEventRelay, CatalogEventRelayOptions, ProductEvents, ProductWriteOptions } from './catalog-events';
import type { Category, CategoryPatch, ListProductsArgs, NewCategory, NewProduct, Product, ProductPage, ProductPatch } from './catalog-model';
import { CatalogVersionConflictError } from './catalog-errors';
import {
  inRequestedOrder,
  nameKey,
  normalizeIds,
  pageMatchingNothing,
  parseExpectedVersion,
  parseListArgs,
  parseNewProduct,
  parseProductPatch,
} from './catalog-input';
import { cursorFor, decodeCursor } from './product-cursor';
import { catalogTables, type CatalogTables, type ProductDocument } from './postgres-tables';
import { parseProducts, rethrowConflict } from './postgres-rows';
import { PostgresCategories } from './postgres-categories';
import { afterCursor, filterConditions, orderBy } from './postgres-product-query';
import { recordInOutbox } from './postgres-outbox';
import type { ProductChange } from './variant-model';
import { syncVariantKeys } from './postgres-variant-keys';
import { parseProductChange } from './variant-input';
import { applyProductChange, defaultVariant, withVariants } from './variant-rules';
import { patchedProduct } from './product-patch';

/**
 * `CatalogStore` on PostgreSQL through drizzle: PGlite in embedded mode, a server otherwise. Events
 * go to the schema's `outbox` table (`outboxTables(pgSchema(schema))` must be in its migrations).
 */
export class PostgresCatalogStore implements CatalogStore {
  readonly #db: Executor;
  /** Null for a store bound to a caller's transaction (`withExecutor`). */
  #root: Database | null;
  readonly #schema: string;
  readonly #t: CatalogTables;
  readonly #outbox: OutboxTable;
  readonly #outboxLease: OutboxLeaseTable;
  readonly #maxPageSize: number;
  readonly #now: () => Date;
  readonly #categories: PostgresCategories;

  constructor(options: PostgresCatalogStoreOptions) {
    const parsed = parseCatalogStoreOptions(options);
    this.#db = parsed.db;
    this.#root = parsed.db;
    this.#schema = parsed.schema;
    const schema = pgSchema(parsed.schema);
    this.#t = catalogTables(schema);
    const events = outboxTables(schema);
    this.#outbox = events.outbox;
    this.#outboxLease = events.outboxLease;
    this.#maxPageSize = parsed.maxPageSize;
    this.#now = parsed.now;
    this.#categories = new PostgresCategories(this.#db, this.#t.categories);
  }

  /**
   * The same store on the caller's transaction, so a service can combine catalog writes with
   * writes of its own (`appendToOutbox`, ...) atomically. Such a store cannot start a relay.
   */
  withExecutor(executor: Executor): PostgresCatalogStore {
    // A Transaction has the Database query API; only `#root` (relays, nested transactions) differs.
    const bound = new PostgresCatalogStore({ db: executor as Database, schema: this.#schema, maxPageSize: this.#maxPageSize, now: this.#now });
    bound.#root = null;
    return bound;
  }

  createProduct(input: NewProduct, options: ProductWriteOptions = {}): Promise<Product> {
    return this.#atomically(options.events, async (store) => [await store.#insertProduct(input), true]).then((product) => product!);
  }

  async updateProduct(id: string, patch: ProductPatch, expectedVersion?: number, options: ProductWriteOptions = {}): Promise<Product | null> {
    const valid = parseProductPatch(patch);
    return this.#atomically(options.events, (store) => store.#rewrite(id, expectedVersion, (current) => patchedProduct(current, valid)));
  }

  async changeProduct(id: string, change: ProductChange, expectedVersion?: number, options: ProductWriteOptions = {}): Promise<Product | null> {
    const valid = parseProductChange(change);
    return this.#atomically(options.events, (store) =>
      store.#rewrite(id, expectedVersion, (current) => withVariants(current, applyProductChange(current, valid))),
    );
  }

  async deleteProduct(id: string, options: ProductWriteOptions = {}): Promise<boolean> {
    return (
      (await this.#atomically(options.events, async (store) => {
        const removed = await store.#removeProduct(id);
        return removed ? [removed, true] : null;
      })) !== null
    );
  }

  startEventRelay(options: CatalogEventRelayOptions): CatalogEventRelay {
    if (!this.#root) throw new Error('PostgresCatalogStore: a store bound to a transaction cannot start a relay');
    return startOutboxRelay({ ...options, db: this.#root, outbox: this.#outbox, lease: this.#outboxLease });
  }

  /**
   * Runs a write in one transaction (a product and its variant keys, and with events their outbox
   * rows). `write` resolves the product and whether it changed: an unchanged one records no event.
   */
  async #atomically(events: ProductEvents | undefined, write: (store: PostgresCatalogStore) => Promise<[Product, boolean] | null>): Promise<Product | null> {
    return this.#db.transaction(async (tx) => {
      const result = await write(this.withExecutor(tx));
      if (result?.[1] && events) await recordInOutbox(tx, this.#outbox, events(result[0]));
      return result?.[0] ?? null;
    });
  }

  async #insertProduct(input: NewProduct): Promise<Product> {
    const valid = parseNewProduct(input);
    const now = this.#now();
    const variants = [defaultVariant(valid)];
    const document: ProductDocument = { description: valid.description, images: valid.images, attributes: valid.attributes, options: [], variants };
    const { products, variantKeys } = this.#t;
    const row = { ...valid, nameKey: nameKey(valid.name), priceAmount: valid.price.amount, priceCurrency: valid.price.currency };
    try {
      const rows = await this.#db
        .insert(products)
        .values({ ...row, createdAt: now, updatedAt: now, version: 1, document })
        .returning();
      await this.#db.insert(variantKeys).values(variants.map((variant) => ({ variantId: variant.id, sku: variant.sku, productId: valid.id })));
      return parseProducts(rows)[0]!;
    } catch (error) {
      rethrowConflict(error, 'product', valid);
    }
  }

  /**
   * Read-modify-write under the row lock (`for update`): the product is read, `compute` applies the
   * rules, and the whole product is written back with its variant keys.
   */
  async #rewrite(id: string, expectedVersion: number | undefined, compute: (current: Product) => Product): Promise<[Product, boolean] | null> {
    const expected = parseExpectedVersion(expectedVersion);
    const [productId] = normalizeIds([id]);
    if (productId === undefined) return null;
    const { products: t } = this.#t;
    const current = parseProducts(await this.#db.select().from(t).where(eq(t.id, productId)).for('update'))[0];
    if (!current) return null;
    if (expected !== undefined && current.version !== expected) throw new CatalogVersionConflictError(productId, expected, current.version);
    const next = compute(current);
    if (next === current) return [current, false];
    const document: ProductDocument = {
      description: next.description,
      images: next.images,
      attributes: next.attributes,
      options: next.options,
      variants: next.variants,
    };
    try {
      const rows = await this.#db
        .update(t)
        .set({
          sku: next.sku,
          slug: next.slug,
          name: next.name,
          nameKey: nameKey(next.name),
          categoryId: next.categoryId,
          priceAmount: next.price.amount,
          priceCurrency: next.price.currency,
          published: next.published,
          updatedAt: this.#now(),
          version: current.version + 1,
          document,
        })
        .where(eq(t.id, productId))
        .returning();
      await syncVariantKeys(this.#db, this.#t.variantKeys, productId, current.variants, next.variants);
      return [parseProducts(rows)[0]!, true];
    } catch (error) {
      rethrowConflict(error, 'product', next);
    }
  }

  async #removeProduct(id: string): Promise<Product | null> {
    const [productId] = normalizeIds([id]);
    if (productId === undefined) return null;
    const { products: t } = this.#t;
    // The variant keys go with it (on delete cascade).
    const rows = await this.#db.delete(t).where(eq(t.id, productId)).returning();
    return parseProducts(rows)[0] ?? null;
  }

  async getProductsOfVariants(variantIds: readonly string[]): Promise<Product[]> {
    const wanted = normalizeIds(variantIds);
    if (wanted.length === 0) return [];
    const { products: t, variantKeys: k } = this.#t;
    const holders = this.#db.select({ id: k.productId }).from(k).where(inArray(k.variantId, wanted));
    return parseProducts(await this.#db.select().from(t).where(inArray(t.id, holders)));
  }

  async getProducts(ids: readonly string[]): Promise<Product[]> {
    const wanted = normalizeIds(ids);
    if (wanted.length === 0) return [];
    const { products: t } = this.#t;
    const rows = await this.#db.select().from(t).where(inArray(t.id, wanted));
    return inRequestedOrder(wanted, parseProducts(rows));
  }

  async getProductBySlug(slug: string): Promise<Product | null> {
    const { products: t } = this.#t;
    const rows = await this.#db
      .select()
      .from(t)
      .where(eq(t.slug, String(slug)))
      .limit(1);
    return parseProducts(rows)[0] ?? null;
  }

  async listProducts(args: ListProductsArgs): Promise<ProductPage> {
    const valid = parseListArgs(args, this.#maxPageSize);
    const { filter, sort, first, after, countTotal } = valid;
    const position = after === null ? null : decodeCursor(after, sort);
    const nothing = pageMatchingNothing(valid);
    if (nothing) return nothing;
    const { products: t } = this.#t;
    const matching = filterConditions(t, filter);
    const [rows, totals] = await Promise.all([
      this.#db
        .select()
        .from(t)
        .where(and(matching, position ? afterCursor(t, position) : undefined))
        .orderBy(...orderBy(t, sort))
        .limit(first + 1),
      countTotal ? this.#db.select({ n: count() }).from(t).where(matching) : null,
    ]);
    const items = parseProducts(rows.slice(0, first));
    const last = items.at(-1);
    return { items, hasNextPage: rows.length > first, endCursor: last ? cursorFor(last, sort) : null, totalCount: totals ? (totals[0]?.n ?? 0) : null };
  }

  createCategory(input: NewCategory): Promise<Category> {
    return this.#categories.create(input);
  }

  updateCategory(id: string, patch: CategoryPatch): Promise<Category | null> {
    return this.#categories.update(id, patch);
  }

  listCategories(): Promise<Category[]> {
    return this.#categories.list();
  }

  getCategories(ids: readonly string[]): Promise<Category[]> {
    return this.#categories.get(ids);
  }

  getCategoryBySlug(slug: string): Promise<Category | null> {
    return this.#categories.getBySlug(slug);
  }

  descendantIds(categoryId: string): Promise<string[]> {
    return this.#categories.descendantIds(categoryId);
  }

  async ensureSchema(): Promise<void> {
    const { products, categories, variantKeys } = this.#t;
    try {
      await this.#db.execute(sql`/* catalog.ensureSchema */ select 1 from ${products} limit 0`);
      await this.#db.execute(sql`/* catalog.ensureSchema */ select 1 from ${variantKeys} limit 0`);
      await this.#db.execute(sql`/* catalog.ensureSchema */ select 1 from ${categories} limit 0`);
      await this.#db.execute(sql`/* catalog.ensureSchema */ select 1 from ${this.#outbox} limit 0`);
    } catch (error) {
      throw new Error(
        `PostgresCatalogStore: catalog tables are missing in schema "${this.#schema}"; run the migrations that include catalogTables(pgSchema('${this.#schema}')) and outboxTables(...)`,
        { cause: error },
      );
    }
  }

  async ping(): Promise<void> {
    await this.#db.execute(sql`select 1`);
  }

  /** Nothing to release: the `Database` belongs to whoever opened it. */
  async close(): Promise<void> {}
}
