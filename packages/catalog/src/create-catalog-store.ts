import type { Database } from '@shop/db';
import type { CatalogStore } from './catalog-store';
import { MongoCatalogStore, type MongoCatalogStoreOptions } from './mongo-catalog-store';
import { PostgresCatalogStore } from './postgres-catalog-store';
import type { PostgresCatalogStoreOptions } from './postgres-catalog-options';

/** MongoDB (or FerretDB) catalog, for the services deployment. */
export interface MongoCatalogConfig extends Omit<MongoCatalogStoreOptions, 'url' | 'database'> {
  kind: 'mongo';
  /** e.g. `mongodb://mongo:27017/` */
  url: string;
  /** Database holding the `products` and `categories` collections. */
  database: string;
}

/** Catalog in PostgreSQL JSONB (PGlite in embedded mode, or a server). */
export interface PostgresCatalogConfig extends Omit<PostgresCatalogStoreOptions, 'db' | 'schema'> {
  kind: 'postgres';
  db: Database;
  /** Postgres schema whose migrations include `catalogTables(...)`. @default 'products' */
  schema?: string;
}

export type CatalogStoreConfig = MongoCatalogConfig | PostgresCatalogConfig;

/** Picks the adapter once, from validated configuration. */
export function createCatalogStore(config: CatalogStoreConfig): CatalogStore {
  switch (config?.kind) {
    case 'mongo': {
      const { kind: _kind, ...options } = config;
      return new MongoCatalogStore(options);
    }
    case 'postgres': {
      const { kind: _kind, ...options } = config;
      return new PostgresCatalogStore(options);
    }
    default:
      return unknownKind(config);
  }
}

function unknownKind(config: never): never {
  throw new TypeError(`createCatalogStore: unknown kind ${JSON.stringify((config as { kind?: unknown } | undefined)?.kind)}`);
}
