import { loadPlatformEnv, migrateSubgraph, runSubgraph } from '@shop/subgraph-kit';
import { loadNotificationsEnv, notificationsConfigFromEnv } from './env';
import { notificationsModule } from './subgraph';

/** Services mode: `main.ts` serves the subgraph; `main.ts migrate` applies its migrations and exits. */
if (process.argv[2] === 'migrate') {
  await migrateSubgraph(notificationsModule, loadPlatformEnv());
} else {
  const env = loadNotificationsEnv();
  await runSubgraph(notificationsModule, notificationsConfigFromEnv(env), env);
}
