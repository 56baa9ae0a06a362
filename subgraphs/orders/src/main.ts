import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadOrdersEnv, ordersConfigFromEnv } from './env';
import { ordersModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(ordersModule, loadPlatformEnv());
} else {
  const env = loadOrdersEnv();
  await runSubgraph(ordersModule, ordersConfigFromEnv(env), env);
}
