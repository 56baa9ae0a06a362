import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadRatingsEnv, ratingsConfigFromEnv } from './env';
import { ratingsModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(ratingsModule, loadPlatformEnv());
} else {
  const env = loadRatingsEnv();
  await runSubgraph(ratingsModule, ratingsConfigFromEnv(env), env);
}
