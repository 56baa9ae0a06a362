import { migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadRatingsEnv, ratingsConfigFromEnv } from './env';
import { ratingsModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
const env = loadRatingsEnv();
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(ratingsModule, env);
} else {
  await runSubgraph(ratingsModule, ratingsConfigFromEnv(), env);
}
