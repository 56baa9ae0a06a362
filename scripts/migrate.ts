import { openDatabase, runMigrations } from '@shop/db';
import { loadMigrateEnv } from './env';
import { allModules } from './subgraph-modules';

/**
 * `npm run migrate`: applies every subgraph's pending migrations. Each subgraph uses
 * `<NAME>_DATABASE_URL` when set (a database per subgraph), else the shared `DATABASE_URL`.
 */
const env = loadMigrateEnv();
for (const { name, migrations: target } of Object.values(allModules)) {
  const url = env[`${name.toUpperCase()}_DATABASE_URL`] ?? env.DATABASE_URL;
  if (!url) {
    console.error(`No database for ${name}: set DATABASE_URL or ${name.toUpperCase()}_DATABASE_URL`);
    process.exit(1);
  }
  const database = await openDatabase({ driver: 'postgres', url, maxConnections: 1 });
  try {
    await runMigrations(database, target);
    console.log(`migrated ${name}`);
  } finally {
    await database.close();
  }
}
