import { RedisPubSub } from '@shop/cache';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { KafkaTransport, LocalTransport, namespacedTransport, type EventTransport } from '@shop/events';
import { createLogger } from '@shop/subgraph-kit';
import { createTestDatabase, fastKafkaConsumer, graphqlClient, testKafkaBrokers, testServers, uniqueKafkaName, type TestDatabase } from '@shop/testkit';
import { startEmbedded, type EmbeddedOptions, type RunningEmbedded } from './embedded';

export interface ServicesShop extends RunningEmbedded {
  /** Prefix of this shop's Kafka topics and consumer groups. */
  namespace: string;
  /** The PostgreSQL URL of one subgraph's database (benchmarks read timings from it). */
  databaseUrl(subgraph: string): string | undefined;
  client: ReturnType<typeof graphqlClient>;
}

/**
 * The whole supergraph wired as services mode wires it, on the real test servers: every subgraph
 * with its own PostgreSQL database, events through Kafka (topics and groups under a namespace of
 * this run, so concurrent runs never share them) and live pushes through Redis pub/sub. For the
 * end-to-end tests and the saga benchmark; needs the servers of `npm run servers:up`.
 */
export async function startServicesShop(
  options: {
    /** Fault injection around the transport (tests). */
    wrapTransport?: (transport: EventTransport) => EventTransport;
    /** `local`: the in-process transport instead of Kafka (the benchmark's reference). @default 'kafka' */
    events?: 'kafka' | 'local';
    /** Brokers other than the shared test Kafka (a test that stops its own). @default TEST_KAFKA_BROKERS */
    kafkaBrokers?: string[];
    /** Sees every SQL statement a subgraph runs (the benchmark counts them per order). */
    onQuery?: (subgraph: string, sql: string) => void;
    /** PostgreSQL pool size of each subgraph. @default 4 */
    connectionsPerSubgraph?: number;
    /** Router option overrides (e.g. the benchmark lifting the rate limit). */
    router?: EmbeddedOptions['router'];
    /** Per-subgraph settings over the embedded ones (e.g. inventory's reservation TTL). */
    subgraphConfig?: EmbeddedOptions['subgraphConfig'];
  } = {},
): Promise<ServicesShop> {
  const namespace = uniqueKafkaName('shop').replace(/\./g, '-');
  const wrap = options.wrapTransport ?? ((transport: EventTransport) => transport);
  const events =
    options.events === 'local'
      ? new LocalTransport()
      : new KafkaTransport({ brokers: options.kafkaBrokers ?? testKafkaBrokers(), clientId: namespace, consumer: fastKafkaConsumer });
  const databases = new Map<string, TestDatabase>();
  const shop = await startEmbedded({
    routerPort: 0,
    subgraphPorts: 'random',
    logger: createLogger('e2e-services', 'silent'),
    ...(options.router ? { router: options.router } : {}),
    ...(options.subgraphConfig ? { subgraphConfig: options.subgraphConfig } : {}),
    servers: {
      transport: wrap(namespacedTransport(events, namespace)),
      async database(subgraph): Promise<DatabaseHandle> {
        const database = await createTestDatabase(subgraph);
        databases.set(subgraph, database);
        // Small pools: a shop holds twelve of them and test files run side by side on one server.
        const onQuery = options.onQuery;
        return openDatabase({
          driver: 'postgres',
          url: database.url,
          maxConnections: options.connectionsPerSubgraph ?? 4,
          ...(onQuery ? { onQuery: (sql: string) => onQuery(subgraph, sql) } : {}),
        });
      },
      pubsub: (subgraph) => new RedisPubSub({ url: testServers.TEST_REDIS_URL, keyPrefix: `${namespace}-${subgraph}` }),
    },
  });
  return {
    ...shop,
    namespace,
    databaseUrl: (subgraph: string) => databases.get(subgraph)?.url,
    client: graphqlClient(shop.routerUrl),
    async stop() {
      await shop.stop();
      await Promise.all([...databases.values()].map((database) => database.drop()));
    },
  };
}
