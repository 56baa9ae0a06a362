import { migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { favouritesConfigFromEnv, loadFavouritesEnv } from './env';
import { favouritesModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
const env = loadFavouritesEnv();
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(favouritesModule, env);
} else {
  await runSubgraph(favouritesModule, favouritesConfigFromEnv(env), env);
}
