import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaTransport, orderShippingQuoted, shippingTopic, type EventEnvelope } from '@shop/events';
import { eventually, fastKafkaConsumer, startSubgraphHarness, testKafkaBrokers, uniqueKafkaName, type SubgraphHarness } from '@shop/testkit';
import { shippingModule } from '../src';
import { createRate, placedEvent, publishOrderEvents } from './helpers';

/** Services mode: order.placed arrives over real Kafka (group `shipping-saga`), the reply leaves through the outbox relay. */
describe('shipping on PostgreSQL + Kafka', () => {
  let shipping: SubgraphHarness;
  let reader: KafkaTransport;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    shipping = await startSubgraphHarness({ module: shippingModule, config: {}, backend: 'postgres', transport: 'kafka' });
    reader = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('shipping-reader'), consumer: fastKafkaConsumer });
    await reader.subscribe({
      groupId: uniqueKafkaName('shipping-reader'),
      topics: [shippingTopic],
      handler: async (envelope) => {
        received.push(envelope);
      },
    });
  });
  afterAll(async () => {
    await reader?.close();
    await shipping?.stop();
  });

  it('an order.placed published on Kafka is answered with order.shipping-quoted on shop.shipping', async () => {
    await createRate(shipping, { country: 'NL', carrier: 'PostNL', name: 'PostNL Standaard', price: { amount: 695, currency: 'EUR' }, freeOver: { amount: 5000, currency: 'EUR' }, estimatedDays: 2 });
    const placed = placedEvent('NL', { amount: 2500, currency: 'EUR' });
    await publishOrderEvents(shipping, placed);
    await eventually(() => received.some((envelope) => envelope.aggregateId === placed.aggregateId));
    const replies = received.filter((envelope) => envelope.aggregateId === placed.aggregateId);
    expect(replies.map((envelope) => [envelope.type, orderShippingQuoted.parse(envelope).data])).toEqual([
      ['order.shipping-quoted', { orderId: placed.aggregateId, carrier: 'PostNL', cost: { amount: 695, currency: 'EUR' } }],
    ]);
  });
});
