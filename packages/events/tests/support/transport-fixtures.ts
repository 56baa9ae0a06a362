import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { fastKafkaConsumer, testKafkaBrokers, uniqueKafkaName } from '@shop/testkit';
import { decodeDeadLetterHeaders, KafkaTransport, LocalTransport, type DeadLetter, type EventTransport } from '../../src';

export interface DeadLetterWatch {
  /** Dead letters seen so far. */
  read(): DeadLetter[];
  stop(): Promise<void>;
}

/** A transport plus the adapter-specific ways a test looks around it. */
export interface TransportFixture {
  transport: EventTransport;
  /** Whether the adapter hands a handler's `batch` several events at once. */
  batches: boolean;
  /** Writes a value as-is, bypassing the envelope encoding (to test malformed input). */
  publishRaw(topic: string, key: string, value: string): Promise<void>;
  /** Collects a dead-letter topic; on Kafka a raw consumer, so non-event values are read too. */
  watchDeadLetters(topic: string): Promise<DeadLetterWatch>;
  close(): Promise<void>;
}

function localFixture(): TransportFixture {
  const transport = new LocalTransport();
  return {
    transport,
    batches: false,
    publishRaw: async (topic, key, value) => transport.publishRaw(topic, key, value),
    watchDeadLetters: async (topic) => ({ read: () => transport.deadLetters(topic), stop: async () => undefined }),
    close: () => transport.close(),
  };
}

function kafkaFixture(): TransportFixture {
  const brokers = testKafkaBrokers();
  const transport = new KafkaTransport({ brokers, clientId: 'events-tests', consumer: fastKafkaConsumer });
  const raw = new Kafka({ brokers, clientId: 'events-tests-raw', logLevel: logLevel.NOTHING });
  const producer = raw.producer({ allowAutoTopicCreation: false });
  const producerReady = producer.connect();
  producerReady.catch(() => undefined); // surfaced by the first publishRaw instead
  const consumers = new Set<Consumer>();
  return {
    transport,
    batches: true,
    publishRaw: async (topic, key, value) => {
      await producerReady;
      await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    },
    watchDeadLetters: async (topic) => {
      const seen: DeadLetter[] = [];
      const consumer = raw.consumer({ groupId: uniqueKafkaName('dlq-reader'), ...fastKafkaConsumer });
      consumers.add(consumer);
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()]));
          seen.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', ...decodeDeadLetterHeaders(headers) });
        },
      });
      return {
        read: () => seen,
        stop: async () => {
          consumers.delete(consumer);
          await consumer.disconnect();
        },
      };
    },
    close: async () => {
      await Promise.allSettled([...consumers].map((consumer) => consumer.disconnect()));
      await producerReady.then(() => producer.disconnect()).catch(() => undefined);
      await transport.close();
    },
  };
}

/** ONE contract suite runs over every adapter listed here. */
export const transportFixtures: Array<[string, () => TransportFixture]> = [
  ['local', localFixture],
  ['kafka', kafkaFixture],
];
