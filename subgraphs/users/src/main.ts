import { createInternalTokenVerifier } from '@shop/auth';
import { databaseConfigFromEnv, openDatabase } from '@shop/db';
import { createTransport, transportConfigFromEnv } from '@shop/events';
import { createLogger, startSubgraph, stopOnSignals } from '@shop/subgraph-kit';
import { loadUsersEnv } from './env';
import { createUsersSubgraph } from './subgraph';

/** Services mode: this subgraph alone in its own process (docker-compose, production); `npm run migrate` first. */
const env = loadUsersEnv();
const logger = createLogger('users', env.LOG_LEVEL);
const database = await openDatabase(databaseConfigFromEnv(env));
const transport = createTransport(transportConfigFromEnv(env), logger);
const { stop: stopRelay, ...parts } = await createUsersSubgraph(
  {
    signingKeys: env.ACCESS_TOKEN_SIGNING_KEYS,
    issuer: env.ACCESS_TOKEN_ISSUER,
    audience: env.ACCESS_TOKEN_AUDIENCE,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
  },
  { database, transport, logger },
);
const server = await startSubgraph({
  ...parts,
  port: env.USERS_PORT,
  host: env.USERS_HOST,
  logger,
  internalTokens: createInternalTokenVerifier({ publicKey: env.INTERNAL_TOKEN_PUBLIC_KEY, audience: 'users' }),
});
// Stopped in reverse: HTTP first, then the relay, then the connections it uses.
stopOnSignals(logger, [() => database.close(), () => transport.close(), stopRelay, () => server.stop()]);
