import { randomBytes } from 'node:crypto';
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
