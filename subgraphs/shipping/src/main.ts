import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadShippingEnv, shippingConfigFromEnv } from './env';
import { shippingModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(shippingModule, loadPlatformEnv());
} else {
  const env = loadShippingEnv();
  await runSubgraph(shippingModule, shippingConfigFromEnv(env), env);
}
