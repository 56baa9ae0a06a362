import { describe, expect, it } from 'vitest';
import { KafkaTransport } from './kafka-transport';
import { LocalTransport } from './local-transport';

describe('transport constructors', () => {
  it('KafkaTransport refuses a missing or malformed broker list', () => {
    expect(() => new KafkaTransport({ brokers: [] })).toThrow('KafkaTransport: brokers must list at least one host:port');
    expect(() => new KafkaTransport({ brokers: ['localhost'] })).toThrow('KafkaTransport: invalid broker address localhost (expected host:port)');
  });

  it('LocalTransport refuses a nonsensical retention', () => {
    expect(() => new LocalTransport({ maxRetainedPerTopic: 0 })).toThrow('LocalTransport: maxRetainedPerTopic must be an integer >= 1');
  });
});
