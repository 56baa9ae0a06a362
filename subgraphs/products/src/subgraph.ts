import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { createProducts, openCatalog, type ProductsCatalogConfig } from './products';
import { resolvers } from './resolvers';
import { CategoryAnnouncer } from './services/category-announcer';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'products',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

export interface ProductsConfig {
  catalog: ProductsCatalogConfig;
}

/** What `npm start` (embedded mode) uses. */
export const embeddedProductsConfig: ProductsConfig = { catalog: { kind: 'postgres' } };

/**
 * Opens the catalog store, starts its event relay and announces every category
 * (`category.changed`, see CategoryAnnouncer), wires services -> resolvers; the caller starts the
 * HTTP server and calls `stop()` on shutdown.
 */
async function create(config: ProductsConfig, { database, transport, logger }: SubgraphPlatform) {
  const catalog = openCatalog(config.catalog, database.db);
  try {
    await catalog.ensureSchema();
  } catch (error) {
    await catalog.close();
    throw error;
  }
  const relay = catalog.startEventRelay({ transport, logger });
  const announcer = new CategoryAnnouncer(transport, logger);
  announcer.announce(await catalog.listCategories());
  const { services } = createProducts(catalog, { wake: () => relay.wake(), categoryChanged: (category) => announcer.announce([category]) });
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
