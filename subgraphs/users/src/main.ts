import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadUsersEnv, usersConfigFromEnv } from './env';
import { usersModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(usersModule, loadPlatformEnv());
} else {
  const env = loadUsersEnv();
  await runSubgraph(usersModule, usersConfigFromEnv(env), env);
}
