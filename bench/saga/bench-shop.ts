import { graphqlClient, createTestDatabase, testKafkaBrokers, testServers, uniqueKafkaName } from '@shop/testkit';
import { startServicesShop } from '../../scripts/services-shop';
import { launchServices } from '../../scripts/services/launch-services';
import { sagaSubgraphs } from '../../scripts/services/replicas';
import type { DeliveryCounter } from './delivery-counter';
import type { StatementCounter } from './statement-counter';

/**
 * How the shop under measurement runs:
 * - `kafka` / `local`: every subgraph in this one Node process, events over Kafka or in-process;
 * - `processes` / `processes-x2`: `npm run start:services`, every subgraph a process of its own over
 *   Kafka, with one or two replicas of each saga subgraph, so both cores run JavaScript.
 */
export type BenchMode = 'kafka' | 'local' | 'processes' | 'processes-x2';

export interface BenchShop {
  client: ReturnType<typeof graphqlClient>;
  admin: { email: string; password: string };
  /** The database holding the `orders` schema (where the bench reads outcomes and timings). */
  ordersDatabaseUrl: string;
  /** Every process the shop runs in (this one included), for the CPU meter. */
  pids: number[];
  /** Whether `statements` saw every SQL statement and `deliveries` every Kafka delivery (in-process modes only). */
  countsStatements: boolean;
  stop(): Promise<void>;
}

export async function startBenchShop(mode: BenchMode, statements: StatementCounter, deliveries: DeliveryCounter): Promise<BenchShop> {
  if (mode === 'kafka' || mode === 'local') {
    const shop = await startServicesShop({
      events: mode,
      router: { rateLimit: { max: 0 } },
      connectionsPerSubgraph: 10,
      onQuery: statements.observe,
      ...(mode === 'kafka' ? { wrapTransport: deliveries.wrap } : {}),
    });
    return {
      client: shop.client,
      admin: shop.admin,
      ordersDatabaseUrl: shop.databaseUrl('orders')!,
      pids: [process.pid],
      countsStatements: true,
      stop: () => shop.stop(),
    };
  }
  const database = await createTestDatabase('benchprocs');
  const admin = { email: 'bench-admin@example.com', password: 'bench-admin-password' };
  const replicas = mode === 'processes-x2' ? Object.fromEntries(sagaSubgraphs.map((name) => [name, 2])) : {};
  const services = await launchServices({
    databaseUrl: database.url,
    kafkaBrokers: testKafkaBrokers(),
    namespace: uniqueKafkaName('bench').replace(/\./g, '-'),
    redisUrl: testServers.TEST_REDIS_URL,
    ports: 'random',
    replicas,
    admin,
    env: { ROUTER_RATE_LIMIT_PER_MINUTE: '0', DATABASE_POOL_SIZE: '5' },
    onLog: () => {},
  });
  return {
    client: graphqlClient(services.routerUrl),
    admin,
    ordersDatabaseUrl: database.url,
    pids: [process.pid, ...services.processes.map((p) => p.child.pid!)],
    countsStatements: false,
    async stop() {
      await services.stop();
      await database.drop();
    },
  };
}
