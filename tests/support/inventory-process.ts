/**
 * The inventory participant as a process of its own (no HTTP: the shop's in-process inventory
 * serves the API), for the test that kills it for real. Configured by INVENTORY_PROCESS (JSON of
 * `InventoryProcessConfig`). With `killAfterCommitOf`, it SIGKILLs itself right after the checkout
 * saga handler's transaction for an event of that type committed, before Kafka's offset commit.
 * Prints `ready` once its consumers have joined.
 */
import { MemoryCache, MemoryPubSub } from '@shop/cache';
import { openDatabase } from '@shop/db';
import { KafkaTransport, namespacedTransport, type EventTransport } from '@shop/events';
import { inventoryModule, ORDER_SAGA_GROUP } from '@shop/inventory';
import { createLogger } from '@shop/subgraph-kit';
import { fastKafkaConsumer } from '@shop/testkit';
import { overridingGroup } from './faulty-transports';

export interface InventoryProcessConfig {
  databaseUrl: string;
  brokers: string[];
  namespace: string;
  killAfterCommitOf?: string;
}

function killedAfterCommit(inner: EventTransport, type: string | undefined): EventTransport {
  if (!type) return inner;
  return overridingGroup(inner, ORDER_SAGA_GROUP, (options) =>
    inner.subscribe({
      ...options,
      handler: async (envelope, meta) => {
        await options.handler(envelope, meta);
        if (envelope.type === type) process.kill(process.pid, 'SIGKILL');
      },
    }),
  );
}

const config = JSON.parse(process.env.INVENTORY_PROCESS ?? '') as InventoryProcessConfig;
const kafka = new KafkaTransport({ brokers: config.brokers, clientId: `${config.namespace}-inventory-process`, consumer: fastKafkaConsumer });
const transport = killedAfterCommit(namespacedTransport(kafka, config.namespace), config.killAfterCommitOf);
const database = await openDatabase({ driver: 'postgres', url: config.databaseUrl, maxConnections: 4 });
const parts = await inventoryModule.create(
  {},
  {
    database,
    transport,
    cache: new MemoryCache({ keyPrefix: 'inventory' }),
    pubsub: new MemoryPubSub({ keyPrefix: 'inventory' }),
    logger: createLogger('inventory', 'silent'),
  },
);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void (async () => {
    await parts.stop?.();
    await kafka.close();
    await database.close();
    process.exit(0);
  })();
});
