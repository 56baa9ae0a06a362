import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRepliesTopic, orderTaxed, orderTaxRequested, orderTopics, taxRateChanged, taxTopic } from '@shop/events';
import { eventually, startKafkaReader, startSubgraphHarness, type KafkaReader, type SubgraphHarness } from '@shop/testkit';
import { taxModule } from '../src';
import { createRate, eur } from './helpers';

/** Services mode: tax-rate.changed and saga replies leave through the outbox relay to real Kafka; order events arrive over it. */
describe('tax on PostgreSQL + Kafka', () => {
  let tax: SubgraphHarness;
  let reader: KafkaReader;

  beforeAll(async () => {
    tax = await startSubgraphHarness({ module: taxModule, config: {}, backend: 'postgres', transport: 'kafka' });
    reader = await startKafkaReader('tax-reader', [taxTopic, orderRepliesTopic]);
  });
  afterAll(async () => {
    await reader?.close();
    await tax?.stop();
  });

  it('publishes tax-rate.changed when an admin creates a rate', async () => {
    const rate = await createRate(tax, { country: 'AT', rateBasisPoints: 2000, name: 'USt Normalsatz' });
    await eventually(() => reader.received.some((envelope) => envelope.aggregateId === rate.id));
    const events = reader.received.filter((envelope) => envelope.aggregateId === rate.id).map((envelope) => taxRateChanged.parse(envelope).data);
    expect(events).toEqual([
      {
        taxRateId: rate.id,
        change: 'created',
        country: 'AT',
        region: null,
        category: null,
        rateBasisPoints: 2000,
        name: 'USt Normalsatz',
        validFrom: null,
        validTo: null,
      },
    ]);
  });

  it('answers an order.tax-requested read from Kafka with an order.taxed on Kafka (consumer group tax-saga)', async () => {
    await createRate(tax, { country: 'BE', rateBasisPoints: 2100, name: 'BTW' });
    const orderId = randomUUID();
    const address = { name: 'Ada', line1: 'Grote Markt 1', line2: null, city: 'Brussel', region: null, postalCode: '1000', country: 'BE' };
    const event = orderTaxRequested.create(orderId, {
      orderId,
      customerId: randomUUID(),
      shippingAddress: address,
      lines: [{ lineId: 'l1', productId: 'p1', categoryId: 'misc', quantity: 1, netAmount: eur(1000) }],
      shippingCost: eur(500),
    });
    await tax.platform.transport.publish([{ topic: orderTopics.tax, key: orderId, envelope: event }]);
    await eventually(() => reader.received.some((envelope) => envelope.aggregateId === orderId));
    const replies = reader.received.filter((envelope) => envelope.aggregateId === orderId).map((envelope) => orderTaxed.parse(envelope).data);
    expect(replies).toEqual([
      {
        orderId,
        tax: eur(315),
        lines: [
          { lineId: 'l1', name: 'BTW', rateBasisPoints: 2100, amount: 210 },
          { lineId: 'shipping', name: 'BTW', rateBasisPoints: 2100, amount: 105 },
        ],
      },
    ]);
  });
});
