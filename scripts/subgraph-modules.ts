import type { MigrationTarget } from '@shop/db';
import * as users from '@shop/users';

/** Every subgraph's migrations, for `npm run migrate` (services mode). */
export const subgraphMigrations: Record<string, MigrationTarget> = {
  users: users.migrations,
};
