import { MongoClient, type Collection, type Db } from 'mongodb';
import { z } from 'zod';
import type { CatalogStore } from './catalog-store';
import type { CatalogEventRelay, CatalogEventRelayOptions, ProductWriteOptions } from './catalog-events';
import { changeProduct, deleteProduct, insertProduct, live, updateProduct, withoutEvents, type MongoProductWriter } from './mongo-product-writes';
import { migrateToVariants } from './mongo-variant-migration';
import type { ProductChange } from './variant-model';
import { startMongoEventRelay } from './mongo-event-relay';
import { KeyedMutex } from './keyed-mutex';
import type { Category, CategoryPatch, ListProductsArgs, NewCategory, NewProduct, Product, ProductPage, ProductPatch } from './catalog-model';
import { inRequestedOrder, normalizeIds, pageMatchingNothing, parseCategoryPatch, parseListArgs, parseNewCategory } from './catalog-input';
import { assertValidParent } from './category-parent';
import { cursorFor, decodeCursor } from './product-cursor';
import { parseCategoryDocs, parseProductDocs, toCategoryDoc, type CategoryDoc, type ProductDoc, type SkuClaimDoc } from './mongo-documents';
import { afterCursorQuery, filterQuery, sortSpec } from './mongo-product-query';
import { rethrowDuplicateKey } from './mongo-conflict';
import { ensureMongoIndexes } from './mongo-indexes';

export interface MongoCatalogStoreOptions {
  /** e.g. `mongodb://mongo:27017/` (MongoDB or FerretDB). */
  url: string;
  /** Database holding the `products` and `categories` collections. */
  database: string;
  /**
   * How long an operation waits for a reachable server before failing. Shorter than the driver's
   * 30 s so `/ready` and start-up report a missing database promptly.
   * @default 10000
   */
  serverSelectionTimeoutMS?: number;
  /** Largest `first` accepted by `listProducts`, so one request cannot read the whole catalog. @default 100 */
  maxPageSize?: number;
  /** Source of `createdAt`/`updatedAt`; injectable so tests control ordering. @default () => new Date() */
  now?: () => Date;
}

const optionsSchema = z.object({
  url: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URL'),
  // MongoDB's rules for database names: no /\. "$*<>:|? or NUL, under 64 bytes.
  database: z.string().regex(/^[^/\\. "$*<>:|?\0]{1,63}$/, 'must be a valid MongoDB database name'),
  serverSelectionTimeoutMS: z.number().int().min(1).max(300_000).default(10_000),
  maxPageSize: z.number().int().min(1).max(10_000).default(100),
  now: z.custom<() => Date>((now) => typeof now === 'function', 'must be a function').default(() => () => new Date()),
});

/** `CatalogStore` on MongoDB (or FerretDB) for the services deployment. */
export class MongoCatalogStore implements CatalogStore {
  readonly #client: MongoClient;
  readonly #db: Db;
  readonly #products: Collection<ProductDoc>;
  readonly #categories: Collection<CategoryDoc>;
  readonly #writer: MongoProductWriter;
  readonly #maxPageSize: number;
  #closing: Promise<void> | undefined;

  constructor(options: MongoCatalogStoreOptions) {
    const parsed = optionsSchema.safeParse(options ?? {});
    if (!parsed.success) {
      throw new TypeError(`MongoCatalogStore: ${parsed.error.issues.map((i) => `option "${i.path.join('.')}" ${i.message}`).join('; ')}`);
    }
    const { url, database, serverSelectionTimeoutMS, maxPageSize, now } = parsed.data;
    // The driver connects on first use, so constructing never blocks; `ping()` proves the server.
    this.#client = new MongoClient(url, { serverSelectionTimeoutMS, appName: 'catalog-store' });
    this.#db = this.#client.db(database);
    this.#products = this.#db.collection<ProductDoc>('products');
    this.#categories = this.#db.collection<CategoryDoc>('categories');
    const claims = this.#db.collection<SkuClaimDoc>('variant_skus');
    this.#writer = { products: this.#products, claims, now, locks: new KeyedMutex() };
    this.#maxPageSize = maxPageSize;
  }

  createProduct(input: NewProduct, options: ProductWriteOptions = {}): Promise<Product> {
    return insertProduct(this.#writer, input, options.events);
  }

  updateProduct(id: string, patch: ProductPatch, expectedVersion?: number, options: ProductWriteOptions = {}): Promise<Product | null> {
    return updateProduct(this.#writer, id, patch, expectedVersion, options.events);
  }

  changeProduct(id: string, change: ProductChange, expectedVersion?: number, options: ProductWriteOptions = {}): Promise<Product | null> {
    return changeProduct(this.#writer, id, change, expectedVersion, options.events);
  }

  async getProductsOfVariants(variantIds: readonly string[]): Promise<Product[]> {
    const wanted = normalizeIds(variantIds);
    if (wanted.length === 0) return [];
    const docs = await this.#products
      .find({ 'variants.id': { $in: wanted }, ...live }, { projection: withoutEvents, comment: 'catalog.getProductsOfVariants' })
      .toArray();
    return parseProductDocs(docs);
  }

  deleteProduct(id: string, options: ProductWriteOptions = {}): Promise<boolean> {
    return deleteProduct(this.#writer, id, options.events);
  }

  startEventRelay(options: CatalogEventRelayOptions): CatalogEventRelay {
    return startMongoEventRelay(this.#products, this.#writer.locks, options);
  }

  async getProducts(ids: readonly string[]): Promise<Product[]> {
    const wanted = normalizeIds(ids);
    if (wanted.length === 0) return [];
    const docs = await this.#products.find({ _id: { $in: wanted }, ...live }, { projection: withoutEvents, comment: 'catalog.getProducts' }).toArray();
    return inRequestedOrder(wanted, parseProductDocs(docs));
  }

  async getProductBySlug(slug: string): Promise<Product | null> {
    const doc = await this.#products.findOne({ slug: String(slug), ...live }, { projection: withoutEvents, comment: 'catalog.getProductBySlug' });
    return doc ? parseProductDocs([doc])[0]! : null;
  }

  async listProducts(args: ListProductsArgs): Promise<ProductPage> {
    const valid = parseListArgs(args, this.#maxPageSize);
    const { filter, sort, first, after, countTotal } = valid;
    const position = after === null ? null : decodeCursor(after, sort);
    const nothing = pageMatchingNothing(valid);
    if (nothing) return nothing;
    const matching = { ...filterQuery(filter), ...live };
    const [docs, totalCount] = await Promise.all([
      this.#products
        .find(position ? { $and: [matching, afterCursorQuery(position)] } : matching, { projection: withoutEvents, comment: 'catalog.listProducts' })
        .sort(sortSpec(sort))
        .limit(first + 1)
        .toArray(),
      countTotal ? this.#products.countDocuments(matching, { comment: 'catalog.countProducts' }) : null,
    ]);
    const items = parseProductDocs(docs.slice(0, first));
    const last = items.at(-1);
    return { items, hasNextPage: docs.length > first, endCursor: last ? cursorFor(last, sort) : null, totalCount };
  }

  async createCategory(input: NewCategory): Promise<Category> {
    const valid = parseNewCategory(input);
    if (valid.parentId !== null) await assertValidParent(valid.parentId, [valid.id], (id) => this.#categoryExists(id));
    const doc = toCategoryDoc(valid);
    try {
      await this.#categories.insertOne(doc, { comment: 'catalog.createCategory' });
    } catch (error) {
      await rethrowDuplicateKey(error, 'category', this.#categories, { id: doc._id, slug: doc.slug });
    }
    return parseCategoryDocs([doc])[0]!;
  }

  async updateCategory(id: string, patch: CategoryPatch): Promise<Category | null> {
    const valid = parseCategoryPatch(patch);
    const subtree = await this.descendantIds(id);
    const categoryId = subtree[0];
    if (categoryId === undefined) return null;
    if (valid.parentId != null) await assertValidParent(valid.parentId, subtree, (parentId) => this.#categoryExists(parentId));
    if (Object.keys(valid).length === 0) return (await this.getCategories([categoryId]))[0] ?? null;
    let updated: CategoryDoc | null;
    try {
      updated = await this.#categories.findOneAndUpdate({ _id: categoryId }, { $set: valid }, { returnDocument: 'after', comment: 'catalog.updateCategory' });
    } catch (error) {
      return rethrowDuplicateKey(error, 'category', this.#categories, { slug: valid.slug }, categoryId);
    }
    return updated ? parseCategoryDocs([updated])[0]! : null;
  }

  async listCategories(): Promise<Category[]> {
    // null sorts before strings in BSON order: roots first, as in the PostgreSQL adapter.
    const docs = await this.#categories.find({}, { comment: 'catalog.listCategories' }).sort({ parentId: 1, position: 1, _id: 1 }).toArray();
    return parseCategoryDocs(docs);
  }

  async getCategories(ids: readonly string[]): Promise<Category[]> {
    const wanted = normalizeIds(ids);
    if (wanted.length === 0) return [];
    const docs = await this.#categories.find({ _id: { $in: wanted } }, { comment: 'catalog.getCategories' }).toArray();
    return inRequestedOrder(wanted, parseCategoryDocs(docs));
  }

  async getCategoryBySlug(slug: string): Promise<Category | null> {
    const doc = await this.#categories.findOne({ slug: String(slug) }, { comment: 'catalog.getCategoryBySlug' });
    return doc ? parseCategoryDocs([doc])[0]! : null;
  }

  /** One query per level ($graphLookup would be one, but FerretDB 1.24 does not have it). */
  async descendantIds(categoryId: string): Promise<string[]> {
    const [rootId] = normalizeIds([categoryId]);
    if (rootId === undefined || !(await this.#categoryExists(rootId))) return [];
    const found = [rootId];
    const seen = new Set(found);
    let level = [rootId];
    // The depth bound only guards against a cycle written around this store.
    for (let depth = 0; level.length > 0 && depth < 64; depth++) {
      const children = await this.#categories.find({ parentId: { $in: level } }, { projection: { _id: 1 }, comment: 'catalog.descendantIds' }).toArray();
      level = children
        .map((child) => child._id)
        .filter((id) => !seen.has(id))
        .sort();
      for (const id of level) seen.add(id);
      found.push(...level);
    }
    return found;
  }

  /** Indexes, then the one-time move of products stored before variants to a default variant each. */
  async ensureSchema(): Promise<void> {
    await ensureMongoIndexes(this.#products, this.#categories);
    await migrateToVariants(this.#writer);
  }

  async ping(): Promise<void> {
    await this.#db.command({ ping: 1 });
  }

  close(): Promise<void> {
    this.#closing ??= this.#client.close();
    return this.#closing;
  }

  async #categoryExists(id: string): Promise<boolean> {
    return (await this.#categories.countDocuments({ _id: id }, { limit: 1, comment: 'catalog.categoryExists' })) > 0;
  }
}
