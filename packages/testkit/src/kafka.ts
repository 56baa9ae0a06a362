import { randomBytes } from 'node:crypto';
import { KafkaTransport, type EventEnvelope } from '@shop/events';
import { testServers } from './env';

/** The test Kafka's bootstrap brokers as a list (TEST_KAFKA_BROKERS is comma-separated). */
export function testKafkaBrokers(): string[] {
  return testServers.TEST_KAFKA_BROKERS.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/**
 * Consumer group timings for tests: the broker's minimum session timeout and quick heartbeats, so
 * a member that leaves or dies is replaced in seconds rather than the 30 s production defaults.
 */
export const fastKafkaConsumer = {
  sessionTimeout: 6_000,
  heartbeatInterval: 500,
  rebalanceTimeout: 5_000,
  maxWaitTimeInMs: 100,
} as const;

/**
 * A name no earlier run used (topics, consumer groups), so reruns against the same long-lived
 * broker never read old messages or resume old offsets.
 */
export function uniqueKafkaName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;
}

/** What a suite reads of the test Kafka: every event published on its topics since it started. */
export interface KafkaReader {
  readonly received: EventEnvelope[];
  close(): Promise<void>;
}

/**
 * Reads `topics` in a consumer group of its own (named after `name`), collecting every event into
 * `received`: how services-mode suites check what a subgraph published.
 */
export async function startKafkaReader(name: string, topics: readonly string[]): Promise<KafkaReader> {
  const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName(name), consumer: fastKafkaConsumer });
  const received: EventEnvelope[] = [];
  try {
    await transport.subscribe({
      groupId: uniqueKafkaName(name),
      topics: [...topics],
      handler: async (envelope) => {
        received.push(envelope);
      },
    });
  } catch (error) {
    await transport.close();
    throw error;
  }
  return { received, close: () => transport.close() };
}
