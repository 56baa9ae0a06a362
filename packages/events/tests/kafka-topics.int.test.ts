import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { testKafkaBrokers, uniqueKafkaName } from '@shop/testkit';
import { KafkaTopics } from '../src/kafka-topics';

const kafka = () => new Kafka({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('topics'), logLevel: logLevel.NOTHING });

describe('KafkaTopics on the real broker', () => {
  const probe = kafka().admin();
  const opened: KafkaTopics[] = [];
  const topics = (options = {}) => {
    const created = new KafkaTopics(kafka(), options);
    opened.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(opened.map((t) => t.close()));
    await probe.disconnect();
  });

  it('returns only once every partition of every topic has a leader, also when another process created some of them', async () => {
    await probe.connect();
    const existing = uniqueKafkaName('existing');
    const fresh = [uniqueKafkaName('fresh-a'), uniqueKafkaName('fresh-b')];
    // Another "process" created one of the topics: kafkajs then answers "already exists" for the whole call.
    await topics().ensure([existing]);
    await topics({ numPartitions: 4 }).ensure([existing, ...fresh]);
    const { topics: described } = await probe.fetchTopicMetadata({ topics: fresh });
    expect(described.map((t) => [t.name, t.partitions.length, t.partitions.every((p) => p.leader >= 0)]).sort()).toEqual(
      fresh.map((name) => [name, 4, true]).sort(),
    );
  });

  it('lets replicas starting side by side ensure overlapping topics at once', async () => {
    const shared = [uniqueKafkaName('shared-a'), uniqueKafkaName('shared-b'), uniqueKafkaName('shared-c')];
    await Promise.all([topics().ensure(shared), topics().ensure(shared.slice(1)), topics().ensure([shared[0]!, shared[2]!])]);
    const { topics: described } = await probe.fetchTopicMetadata({ topics: shared });
    expect(described.map((t) => [t.name, t.partitions.length]).sort()).toEqual(shared.map((name) => [name, 3]).sort());
  });
});
