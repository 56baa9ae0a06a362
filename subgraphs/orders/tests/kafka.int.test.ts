import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { catalog, customer } from './helpers';
import { AddToCartDocument } from './__generated__/graphql';

/** Services mode: product events arrive over real Kafka (consumer group `orders`). */
describe('orders on PostgreSQL + Kafka', () => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend: 'postgres', transport: 'kafka' });
  });
  afterAll(() => harness?.stop());

  it('a product.created published on Kafka makes the product addable', async () => {
    const productId = await catalog(harness).create({ price: { amount: 4200, currency: 'EUR' } });
    const result = await harness.call(AddToCartDocument, { productId, quantity: 2 }, customer());
    expect(result.data?.addToCart.errors).toEqual([]);
    expect(result.data?.addToCart.cart.subtotal).toEqual({ amount: 8400, currency: 'EUR' });
  });
});
