import { migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadShippingEnv, shippingConfigFromEnv } from './env';
import { shippingModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
const env = loadShippingEnv();
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(shippingModule, env);
} else {
  await runSubgraph(shippingModule, shippingConfigFromEnv(env), env);
}
