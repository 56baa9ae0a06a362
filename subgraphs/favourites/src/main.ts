import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadFavouritesEnv, favouritesConfigFromEnv } from './env';
import { favouritesModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(favouritesModule, loadPlatformEnv());
} else {
  const env = loadFavouritesEnv();
  await runSubgraph(favouritesModule, favouritesConfigFromEnv(env), env);
}
