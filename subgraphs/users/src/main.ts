import { runSubgraph } from '@shop/subgraph-kit';
import { loadUsersEnv, usersConfigFromEnv } from './env';
import { usersModule } from './subgraph';

/** Services mode: this subgraph alone in its own process; `npm run migrate` first. */
const env = loadUsersEnv();
await runSubgraph(usersModule, usersConfigFromEnv(env), env);
