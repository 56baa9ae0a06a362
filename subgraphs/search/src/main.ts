import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadSearchEnv, searchConfigFromEnv } from './env';
import { searchModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(searchModule, loadPlatformEnv());
} else {
  const env = loadSearchEnv();
  await runSubgraph(searchModule, searchConfigFromEnv(env), env);
}
