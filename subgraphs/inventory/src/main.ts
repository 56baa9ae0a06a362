import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { inventoryConfigFromEnv, loadInventoryEnv } from './env';
import { inventoryModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(inventoryModule, loadPlatformEnv());
} else {
  const env = loadInventoryEnv();
  await runSubgraph(inventoryModule, inventoryConfigFromEnv(env), env);
}
