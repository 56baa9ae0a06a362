export type { Database, DatabaseConfig, DatabaseHandle, Executor, Transaction } from './database';
export { openDatabase } from './open-database';
export { runMigrations, type MigrationTarget } from './migrate';
export { databaseConfigFromEnv, databaseEnvShape } from './env';
