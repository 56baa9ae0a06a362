import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { openDatabase, runMigrations, type DatabaseHandle } from '@shop/db';
import { createTestDatabase, testServers } from '@shop/testkit';
import { afterAll, beforeEach } from 'vitest';
import { createCatalogStore, type CatalogStore } from '../src';
import { CONTRACT_SCHEMA } from './fixtures/schema';

const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));

export interface OpenedBackend {
  store: CatalogStore;
  cleanup(): Promise<void>;
}

export interface CatalogBackend {
  name: string;
  /** Opens a store on fresh, empty storage; `now` is the store's clock. */
  open(now: () => Date): Promise<OpenedBackend>;
}

async function postgresStore(handle: DatabaseHandle, now: () => Date, drop: () => Promise<void>): Promise<OpenedBackend> {
  try {
    await runMigrations(handle, { schema: CONTRACT_SCHEMA, migrationsFolder });
    const store = createCatalogStore({ kind: 'postgres', db: handle.db, schema: CONTRACT_SCHEMA, now });
    await store.ensureSchema();
    return { store, cleanup: () => handle.close().finally(drop) };
  } catch (error) {
    await handle.close().finally(drop);
    throw error;
  }
}

/** Every adapter on every database it runs on; each run gets storage of its own. */
export const catalogBackends: CatalogBackend[] = [
  {
    name: 'pglite',
    open: async (now) => postgresStore(await openDatabase({ driver: 'pglite' }), now, async () => undefined),
  },
  {
    name: 'postgres',
    open: async (now) => {
      const testDb = await createTestDatabase('catalog');
      const handle = await openDatabase({ driver: 'postgres', url: testDb.url }).catch(async (error: unknown) => {
        await testDb.drop();
        throw error;
      });
      return postgresStore(handle, now, () => testDb.drop());
    },
  },
  {
    name: 'ferretdb',
    open: async (now) => {
      const url = testServers.TEST_MONGO_URL;
      const database = `catalog_${randomBytes(6).toString('hex')}`;
      const dropDatabase = async () => {
        const admin = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
        try {
          await admin.db(database).dropDatabase();
        } finally {
          await admin.close();
        }
      };
      const store = createCatalogStore({ kind: 'mongo', url, database, serverSelectionTimeoutMS: 3000, now });
      try {
        await store.ping();
        await store.ensureSchema();
      } catch (error) {
        await store.close();
        throw new Error(`FerretDB is not reachable at ${url} (start it with "bash scripts/servers/up.sh" or set TEST_MONGO_URL)`, { cause: error });
      }
      return { store, cleanup: () => store.close().finally(dropDatabase) };
    },
  },
];

/**
 * A contract suite's store on `backend`, opened once on a stepping clock and awaited in each
 * `beforeEach` (so an unreachable server FAILS every test; a failing beforeAll would only mark them
 * skipped), closed after the suite. `use` receives it before each test.
 */
export function storePerSuite(backend: CatalogBackend, now: () => Date, use: (store: CatalogStore) => void | Promise<void>): void {
  let opening: Promise<OpenedBackend> | undefined;
  beforeEach(async () => {
    opening ??= backend.open(now);
    await use((await opening).store);
  });
  afterAll(async () => {
    const opened = await opening?.catch(() => undefined);
    await opened?.store.close();
    await opened?.cleanup();
  });
}
