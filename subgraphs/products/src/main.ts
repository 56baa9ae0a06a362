import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadProductsEnv, productsConfigFromEnv } from './env';
import { productsModule } from './subgraph';

/**
 * Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its PostgreSQL migrations
 * (catalog tables for the JSONB adapter, outbox) and exits. The MongoDB catalog's indexes are
 * ensured at start.
 */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(productsModule, loadPlatformEnv());
} else {
  const env = loadProductsEnv();
  await runSubgraph(productsModule, productsConfigFromEnv(env), env);
}
