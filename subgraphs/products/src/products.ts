import { createCatalogStore, type CatalogStore, type Category } from '@shop/catalog';
import type { Database } from '@shop/db';
import { CategoryAdminService } from './services/category-admin.service';
import { CategoryReader } from './services/category-reader.service';
import { ProductAdminService } from './services/product-admin.service';
import { MAX_PAGE_SIZE, ProductReader } from './services/product-reader.service';
import { VariantAdminService } from './services/variant-admin.service';

/** Where the catalog lives: a discriminated union, decided once from configuration. */
export type ProductsCatalogConfig =
  /** PostgreSQL JSONB on the platform database (schema `products`): embedded mode. */
  | { kind: 'postgres' }
  /** MongoDB or FerretDB: services mode. */
  | { kind: 'mongo'; url: string; database: string };

/** The catalog store `config` names; the JSONB adapter works on `db`. */
export function openCatalog(config: ProductsCatalogConfig, db: Database): CatalogStore {
  if (config.kind === 'mongo') return createCatalogStore({ kind: 'mongo', url: config.url, database: config.database, maxPageSize: MAX_PAGE_SIZE });
  return createCatalogStore({ kind: 'postgres', db, schema: 'products', maxPageSize: MAX_PAGE_SIZE });
}

export interface ProductsWiring {
  /** The catalog event relay's wake-up, called after each write that recorded product events. */
  wake?: () => void;
  /** Announces a created or changed category (`category.changed`, see CategoryAnnouncer). */
  categoryChanged?: (category: Category) => void;
}

/** Services on one catalog store; the subgraph and its tests build the same graph. */
export function createProducts(catalog: CatalogStore, wiring: ProductsWiring = {}) {
  const wake = wiring.wake ?? (() => {});
  const stores = { catalog };
  const services = {
    products: new ProductReader(catalog),
    categories: new CategoryReader(catalog),
    productAdmin: new ProductAdminService(catalog, wake),
    categoryAdmin: new CategoryAdminService(catalog, wiring.categoryChanged),
    variantAdmin: new VariantAdminService(catalog, wake),
  };
  return { stores, services };
}

export type Products = ReturnType<typeof createProducts>;
