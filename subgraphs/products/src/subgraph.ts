import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { createCatalogStore, type CatalogStore } from '@shop/catalog';
import type { MigrationTarget } from '@shop/db';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { resolvers } from './resolvers';
import { CategoryAdminService } from './services/category-admin.service';
import { CategoryAnnouncer } from './services/category-announcer';
import { CategoryReader } from './services/category-reader.service';
import { ProductAdminService } from './services/product-admin.service';
import { MAX_PAGE_SIZE, ProductReader } from './services/product-reader.service';
import { VariantAdminService } from './services/variant-admin.service';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'products',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/** Where the catalog lives: a discriminated union, decided once from configuration. */
export type ProductsCatalogConfig =
  /** PostgreSQL JSONB on the platform database (schema `products`): embedded mode. */
  | { kind: 'postgres' }
  /** MongoDB or FerretDB: services mode. */
  | { kind: 'mongo'; url: string; database: string };

export interface ProductsConfig {
  catalog: ProductsCatalogConfig;
}

/** What `npm start` (embedded mode) uses. */
export const embeddedProductsConfig: ProductsConfig = { catalog: { kind: 'postgres' } };

function openCatalog(config: ProductsCatalogConfig, { database }: SubgraphPlatform): CatalogStore {
  if (config.kind === 'mongo') return createCatalogStore({ kind: 'mongo', url: config.url, database: config.database, maxPageSize: MAX_PAGE_SIZE });
  return createCatalogStore({ kind: 'postgres', db: database.db, schema: 'products', maxPageSize: MAX_PAGE_SIZE });
}

/**
 * Wires the catalog store -> services -> resolvers, starts the catalog's event relay and announces
 * every category (`category.changed`, see CategoryAnnouncer); the caller
 * starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(config: ProductsConfig, platform: SubgraphPlatform) {
  const catalog = openCatalog(config.catalog, platform);
  try {
    await catalog.ensureSchema();
  } catch (error) {
    await catalog.close();
    throw error;
  }
  const relay = catalog.startEventRelay({ transport: platform.transport, logger: platform.logger });
  const announcer = new CategoryAnnouncer(platform.transport, platform.logger);
  announcer.announce(await catalog.listCategories());
  const products = new ProductReader(catalog);
  const categories = new CategoryReader(catalog);
  const services = {
    products,
    categories,
    productAdmin: new ProductAdminService(catalog, () => relay.wake()),
    categoryAdmin: new CategoryAdminService(catalog, (category) => announcer.announce([category])),
    variantAdmin: new VariantAdminService(catalog, () => relay.wake()),
  };
  return {
    resolvers: resolvers(services),
    readiness: { catalog: () => catalog.ping() },
    stop: async () => {
      await announcer.stop();
      await relay.stop();
      await catalog.close();
    },
  };
}

/** The products subgraph: the catalog (products and the category tree) and its events. */
export const productsModule: SubgraphModule<ProductsConfig> = { name: 'products', typeDefs, migrations, create };
