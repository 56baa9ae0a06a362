import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRepliesTopic, orderShippingQuoted } from '@shop/events';
import { eventually, startKafkaReader, startSubgraphHarness, type KafkaReader, type SubgraphHarness } from '@shop/testkit';
import { shippingModule } from '../src';
import { createRate, placedEvent, publishOrderEvents } from './helpers';

/** Services mode: order.placed arrives over real Kafka (group `shipping-saga`), the reply leaves through the outbox relay. */
describe('shipping on PostgreSQL + Kafka', () => {
  let shipping: SubgraphHarness;
  let reader: KafkaReader;

  beforeAll(async () => {
    shipping = await startSubgraphHarness({ module: shippingModule, config: {}, backend: 'postgres', transport: 'kafka' });
    reader = await startKafkaReader('shipping-reader', [orderRepliesTopic]);
  });
  afterAll(async () => {
    await reader?.close();
    await shipping?.stop();
  });

  it('an order.placed published on Kafka is answered with order.shipping-quoted on shop.orders.replies', async () => {
    await createRate(shipping, {
      country: 'NL',
      carrier: 'PostNL',
      name: 'PostNL Standaard',
      price: { amount: 695, currency: 'EUR' },
      freeOver: { amount: 5000, currency: 'EUR' },
      estimatedDays: 2,
    });
    const placed = placedEvent('NL', { amount: 2500, currency: 'EUR' });
    await publishOrderEvents(shipping, placed);
    await eventually(() => reader.received.some((envelope) => envelope.aggregateId === placed.aggregateId));
    const replies = reader.received.filter((envelope) => envelope.aggregateId === placed.aggregateId);
    expect(replies.map((envelope) => [envelope.type, orderShippingQuoted.parse(envelope).data])).toEqual([
      ['order.shipping-quoted', { orderId: placed.aggregateId, carrier: 'PostNL', cost: { amount: 695, currency: 'EUR' } }],
    ]);
  });
});
