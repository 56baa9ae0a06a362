import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { eventsEnvShape, transportConfigFromEnv } from './env';

const parse = (env: Record<string, string>) => transportConfigFromEnv(z.object(eventsEnvShape).parse(env));

describe('transportConfigFromEnv', () => {
  it('is local unless Kafka is asked for', () => {
    expect(parse({})).toEqual({ kind: 'local' });
  });
  it('reads brokers, namespace, consumer timings and partitions', () => {
    expect(
      parse({
        EVENTS_TRANSPORT: 'kafka',
        KAFKA_BROKERS: 'a:9092, b:9092',
        EVENTS_NAMESPACE: 'shop-1',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        KAFKA_HEARTBEAT_INTERVAL_MS: '500',
        KAFKA_TOPIC_PARTITIONS: '6',
      }),
    ).toEqual({
      kind: 'kafka',
      brokers: ['a:9092', 'b:9092'],
      clientId: 'shop',
      namespace: 'shop-1',
      consumer: { sessionTimeout: 6000, heartbeatInterval: 500 },
      numPartitions: 6,
    });
  });
  it('leaves kafkajs defaults alone when nothing is set', () => {
    expect(parse({ EVENTS_TRANSPORT: 'kafka', KAFKA_BROKERS: 'a:9092' })).toEqual({ kind: 'kafka', brokers: ['a:9092'], clientId: 'shop' });
  });
  it('refuses a namespace Kafka names cannot carry and Kafka without brokers', () => {
    expect(() => parse({ EVENTS_NAMESPACE: 'a.b' })).toThrow(/letters, digits/);
    expect(() => parse({ EVENTS_TRANSPORT: 'kafka' })).toThrow('KAFKA_BROKERS is required');
  });
});
