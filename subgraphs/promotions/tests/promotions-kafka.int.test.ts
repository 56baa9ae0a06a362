import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaTransport, promotionCreated, promotionsTopic, type EventEnvelope } from '@shop/events';
import { fastKafkaConsumer, startSubgraphHarness, testKafkaBrokers, uniqueKafkaName, type SubgraphHarness } from '@shop/testkit';
import { promotionsModule } from '../src';
import { catalog, createPromotion, eur, ops, unique, waitFor } from './helpers';

/** Services mode: product events arrive over real Kafka, promotion events leave over it. */
describe('promotions on PostgreSQL + Kafka', () => {
  let promotions: SubgraphHarness;
  let reader: KafkaTransport;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    promotions = await startSubgraphHarness({ module: promotionsModule, config: {}, backend: 'postgres', transport: 'kafka' });
    reader = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('promotions-reader'), consumer: fastKafkaConsumer });
    await reader.subscribe({
      groupId: uniqueKafkaName('promotions-reader'),
      topics: [promotionsTopic],
      handler: async (envelope) => {
        received.push(envelope);
      },
    });
  });
  afterAll(async () => {
    await reader?.close();
    await promotions?.stop();
  });

  it('learns a product from Kafka, prices it, and publishes promotion.created to Kafka', async () => {
    const category = unique('cat');
    const productId = await catalog(promotions).create(category);
    const promotion = await createPromotion(promotions, { name: 'Kafka sale', kind: 'PERCENTAGE', value: 1000, productIds: [productId] });
    const entities = await promotions.call(ops.products, { reps: [{ __typename: 'Product', id: productId, price: eur(1999) }] });
    expect(entities.data).toEqual({ _entities: [{ id: productId, salePrice: eur(1800), activePromotions: [{ id: promotion.id, name: 'Kafka sale' }] }] });

    await waitFor(async () => received.some((envelope) => envelope.aggregateId === promotion.id));
    const events = received.filter((envelope) => envelope.aggregateId === promotion.id).map((envelope) => promotionCreated.parse(envelope).data);
    expect(events).toEqual([expect.objectContaining({ promotionId: promotion.id, name: 'Kafka sale', kind: 'PERCENTAGE', value: 1000, automatic: true, productIds: [productId], active: true })]);
  });
});
