import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadTaxEnv, taxConfigFromEnv } from './env';
import { taxModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(taxModule, loadPlatformEnv());
} else {
  const env = loadTaxEnv();
  await runSubgraph(taxModule, taxConfigFromEnv(env), env);
}
