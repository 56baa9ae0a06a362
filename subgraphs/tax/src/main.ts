import { migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { taxConfigFromEnv, loadTaxEnv } from './env';
import { taxModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
const env = loadTaxEnv();
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(taxModule, env);
} else {
  await runSubgraph(taxModule, taxConfigFromEnv(env), env);
}
