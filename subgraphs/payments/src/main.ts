import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadPaymentsEnv, paymentsConfigFromEnv } from './env';
import { paymentsModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(paymentsModule, loadPlatformEnv());
} else {
  const env = loadPaymentsEnv();
  await runSubgraph(paymentsModule, paymentsConfigFromEnv(env), env);
}
