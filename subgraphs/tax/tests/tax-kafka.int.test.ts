import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaTransport, taxRateChanged, taxTopic, type EventEnvelope } from '@shop/events';
import { fastKafkaConsumer, startSubgraphHarness, testKafkaBrokers, uniqueKafkaName, type SubgraphHarness } from '@shop/testkit';
import { taxModule } from '../src';
import { createRate } from './helpers';

/** Services mode: tax-rate.changed leaves through the outbox relay to real Kafka. */
describe('tax on PostgreSQL + Kafka', () => {
  let tax: SubgraphHarness;
  let reader: KafkaTransport;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    tax = await startSubgraphHarness({ module: taxModule, config: {}, backend: 'postgres', transport: 'kafka' });
    reader = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('tax-reader'), consumer: fastKafkaConsumer });
    await reader.subscribe({
      groupId: uniqueKafkaName('tax-reader'),
      topics: [taxTopic],
      handler: async (envelope) => {
        received.push(envelope);
      },
    });
  });
  afterAll(async () => {
    await reader?.close();
    await tax?.stop();
  });

  it('publishes tax-rate.changed when an admin creates a rate', async () => {
    const rate = await createRate(tax, { country: 'AT', rateBasisPoints: 2000, name: 'USt Normalsatz' });
    const deadline = Date.now() + 30_000;
    while (!received.some((envelope) => envelope.aggregateId === rate.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const events = received.filter((envelope) => envelope.aggregateId === rate.id).map((envelope) => taxRateChanged.parse(envelope).data);
    expect(events).toEqual([
      { taxRateId: rate.id, change: 'created', country: 'AT', region: null, category: null, rateBasisPoints: 2000, name: 'USt Normalsatz', validFrom: null, validTo: null },
    ]);
  });
});
