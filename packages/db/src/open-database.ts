import type { DatabaseConfig, DatabaseHandle } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  switch (config.driver) {
    case 'pglite':
      return openPgliteDatabase(config.dataDir, config.onQuery);
    case 'postgres':
      return openPostgresDatabase(config.url, config.maxConnections, config.onQuery, config.preparedStatements);
  }
}
