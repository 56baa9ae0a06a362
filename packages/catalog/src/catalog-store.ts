import type { Category, CategoryPatch, ListProductsArgs, NewCategory, NewProduct, Product, ProductPage, ProductPatch } from './catalog-model';
import type { ProductChange } from './variant-model';
import type { CatalogEventRelay, CatalogEventRelayOptions, ProductWriteOptions } from './catalog-events';

/**
 * Catalog store port: products and their category tree, for the `products` subgraph's services.
 * Adapters: `PostgresCatalogStore` (drizzle on PGlite or PostgreSQL, embedded mode) and
 * `MongoCatalogStore` (services mode). Both pass one contract suite, so a service cannot tell
 * them apart. Input is validated here too (`CatalogValidationError`); expected failures are the
 * typed errors of `catalog-errors.ts`.
 *
 * Product writes take `options.events`: domain events recorded atomically with the write (an outbox
 * row in the same PostgreSQL transaction; the `pendingEvents` array of the same MongoDB document,
 * as FerretDB has no multi-document transactions). `startEventRelay` publishes them at least
 * once, oldest first per product.
 */
export interface CatalogStore {
  /** Throws `CatalogConflictError` (field `sku` or `slug`) when either is taken. */
  createProduct(input: NewProduct, options?: ProductWriteOptions): Promise<Product>;
  /**
   * Applies `patch`, bumps `version` and `updatedAt`. Resolves `null` when the product does not
   * exist; throws `CatalogVersionConflictError` when `expectedVersion` is given and stale, and
   * `CatalogConflictError` when the new sku or slug is taken.
   */
  updateProduct(id: string, patch: ProductPatch, expectedVersion?: number, options?: ProductWriteOptions): Promise<Product | null>;
  /**
   * Resolves `true` when the product existed. It disappears from every read at once (MongoDB keeps
   * a hidden tombstone until its pending events are published, with sku and slug already freed).
   */
  deleteProduct(id: string, options?: ProductWriteOptions): Promise<boolean>;
  /**
   * One round trip for a whole batch (DataLoader, `__resolveReference`). Result follows the order
   * of `ids`, without the unknown (or malformed) ones and without duplicates.
   */
  getProducts(ids: readonly string[]): Promise<Product[]>;
  getProductBySlug(slug: string): Promise<Product | null>;
  /**
   * The products holding these variant ids, one round trip (`ProductVariant.__resolveReference`),
   * each once, in no particular order; unknown or malformed ids are left out.
   */
  getProductsOfVariants(variantIds: readonly string[]): Promise<Product[]>;
  /**
   * Applies one change to the product's options or variants (see `ProductChange`): every rule of
   * `applyProductChange` is checked, then the product is written with its mirrors (`sku`, `price`),
   * a version bump and its events, atomically; a refused change writes nothing. A change that changes
   * nothing writes nothing and records no event. Resolves `null` for an unknown product; throws
   * `CatalogVariantError`, `CatalogValidationError`, `CatalogVersionConflictError` and
   * `CatalogConflictError` (field `sku`: another product has it).
   */
  changeProduct(id: string, change: ProductChange, expectedVersion?: number, options?: ProductWriteOptions): Promise<Product | null>;
  /**
   * Keyset pagination (stable under inserts, no OFFSET scans). Throws `InvalidCursorError` for a
   * cursor it did not issue for the same sort.
   */
  listProducts(args: ListProductsArgs): Promise<ProductPage>;

  /**
   * Throws `CatalogConflictError` (field `slug`) and `InvalidCategoryParentError` when
   * `parentId` names no category.
   */
  createCategory(input: NewCategory): Promise<Category>;
  /**
   * Resolves `null` when the category does not exist. Refuses (`InvalidCategoryParentError`) a
   * parent that is missing, the category itself or one of its descendants, so the tree stays a tree.
   */
  updateCategory(id: string, patch: CategoryPatch): Promise<Category | null>;
  /** Every category: roots first, then grouped by parent id, each group by position (then id). */
  listCategories(): Promise<Category[]>;
  /** Same contract as `getProducts`. */
  getCategories(ids: readonly string[]): Promise<Category[]>;
  getCategoryBySlug(slug: string): Promise<Category | null>;
  /**
   * The category and every category below it, by depth then id (the category itself first); `[]`
   * for an unknown id. Feed it to `listProducts({ filter: { categoryIds } })` to list a subtree.
   */
  descendantIds(categoryId: string): Promise<string[]>;

  /**
   * Prepares the backend: MongoDB gets its collections' unique and listing indexes (idempotent);
   * PostgreSQL's tables come from drizzle-kit migrations, so there it only checks they exist and
   * fails with a hint otherwise.
   */
  ensureSchema(): Promise<void>;
  /**
   * Starts publishing the events recorded by writes: PostgreSQL uses the standard outbox relay on
   * the schema's `outbox` table; MongoDB reads `pendingEvents`, publishes them and removes exactly
   * the published ones (`$pullAll`), so a crash at any point republishes rather than loses
   * (consumers deduplicate by event id). One product's events are published in write order.
   */
  startEventRelay(options: CatalogEventRelayOptions): CatalogEventRelay;
  /** Throws when the backend cannot answer (for `/ready`). */
  ping(): Promise<void>;
  /** Releases what the store opened (a MongoDB client; not a `Database` it was given). Safe twice. */
  close(): Promise<void>;
}
