import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@shop/testkit';
import { openDatabase, runMigrations, type DatabaseHandle } from '@shop/db';

const migrationsFolder = fileURLToPath(new URL('../fixtures/migrations', import.meta.url));

export interface DatabaseFixture {
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Embedded PGlite and a fresh database on the real test PostgreSQL, both migrated. */
export const databaseFixtures: Array<[string, () => Promise<DatabaseFixture>]> = [
  ['pglite', () => migrated(openDatabase({ driver: 'pglite' }), async () => undefined)],
  [
    'postgres',
    async () => {
      const testDb = await createTestDatabase('events');
      return migrated(openDatabase({ driver: 'postgres', url: testDb.url, maxConnections: 10 }), () => testDb.drop());
    },
  ],
];

async function migrated(opening: Promise<DatabaseHandle>, drop: () => Promise<void>): Promise<DatabaseFixture> {
  const handle = await opening;
  await runMigrations(handle, { schema: 'evt_test', migrationsFolder });
  return {
    handle,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}
