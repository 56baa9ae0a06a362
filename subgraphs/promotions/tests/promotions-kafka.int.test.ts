import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderDiscounted, orderPlaced, orderRepliesTopic, orderTopics, promotionCreated, promotionsTopic } from '@shop/events';
import { eventually, startKafkaReader, type KafkaReader } from '@shop/testkit';
import { createPromotion, eur, promotionsSuite, unique } from './helpers';
import { address, cartLine } from './saga-helpers';
import { ProductSalesDocument } from './__generated__/graphql';

/** Services mode: product and order events arrive over real Kafka, promotion events and saga replies leave over it. */
describe('promotions on PostgreSQL + Kafka', () => {
  const { promotions, products } = promotionsSuite('postgres', 'kafka');
  let reader: KafkaReader;

  beforeAll(async () => {
    reader = await startKafkaReader('promotions-reader', [promotionsTopic, orderRepliesTopic]);
  });
  afterAll(() => reader?.close());

  it('learns a product from Kafka, prices it, and publishes promotion.created to Kafka', async () => {
    const category = unique('cat');
    const productId = await products.create(category);
    const promotion = await createPromotion(promotions, { name: 'Kafka sale', kind: 'PERCENTAGE', value: 1000, productIds: [productId] });
    const entities = await promotions.call(ProductSalesDocument, { representations: [{ __typename: 'Product', id: productId, price: eur(1999) }] });
    expect(entities.data).toEqual({ _entities: [{ id: productId, salePrice: eur(1800), activePromotions: [{ id: promotion.id, name: 'Kafka sale' }] }] });

    await eventually(async () => reader.received.some((envelope) => envelope.aggregateId === promotion.id));
    const events = reader.received.filter((envelope) => envelope.aggregateId === promotion.id).map((envelope) => promotionCreated.parse(envelope).data);
    expect(events).toEqual([
      expect.objectContaining({
        promotionId: promotion.id,
        name: 'Kafka sale',
        kind: 'PERCENTAGE',
        value: 1000,
        automatic: true,
        productIds: [productId],
        active: true,
      }),
    ]);
  });

  it('answers an order.placed read from Kafka with an order.discounted on Kafka (consumer group promotions-saga)', async () => {
    const category = unique('cat');
    const promotion = await createPromotion(promotions, { name: 'Kafka ten', kind: 'PERCENTAGE', value: 1000, categoryIds: [category] });
    const orderId = randomUUID();
    const lines = [cartLine('l1', unique('p'), category, 1999, 2)];
    const event = orderPlaced.create(orderId, {
      orderId,
      customerId: randomUUID(),
      currency: 'EUR',
      lines,
      couponCode: null,
      shippingAddress: address,
      subtotal: eur(3998),
    });
    await promotions.platform.transport.publish([{ topic: orderTopics.promotions, key: orderId, envelope: event }]);

    await eventually(async () => reader.received.some((envelope) => envelope.aggregateId === orderId));
    const replies = reader.received.filter((envelope) => envelope.aggregateId === orderId).map((envelope) => orderDiscounted.parse(envelope).data);
    expect(replies).toEqual([
      {
        orderId,
        discount: eur(398),
        lines: [{ lineId: 'l1', discount: eur(398) }],
        promotions: [{ promotionId: promotion.id, name: 'Kafka ten', couponCode: null, amount: eur(398) }],
        rejectedCoupon: null,
      },
    ]);
  });
});
