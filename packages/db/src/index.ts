export type { Database, DatabaseConfig, DatabaseHandle, Executor, QueryObserver, Transaction } from './database';
export { openDatabase } from './open-database';
export { runMigrations, type MigrationTarget } from './migrate';
export { databaseConfigFromEnv, databaseEnvShape } from './env';
export { isAnyOf, preparedPerDatabase } from './prepared';
export { Rollback, transactOrRollback, transactor, type Transact } from './transact';
export { isUniqueViolation } from './unique-violation';
export { CountryRateStore, type CountryRateKey, type CountryRateTable } from './country-rate-store';
