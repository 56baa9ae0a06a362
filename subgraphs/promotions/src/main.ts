import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadPromotionsEnv, promotionsConfigFromEnv } from './env';
import { promotionsModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(promotionsModule, loadPlatformEnv());
} else {
  const env = loadPromotionsEnv();
  await runSubgraph(promotionsModule, promotionsConfigFromEnv(env), env);
}
