import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryTopic, orderTopics, type EventEnvelope } from '@shop/events';
import { eventually, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule } from '../src';
import { catalog, inventoryOf, stockedProduct } from './helpers';
import { newOrderId, orderEvents } from './saga-helpers';

/** Services mode: product events and saga requests arrive over real Kafka (consumer groups `inventory`, `inventory-saga`). */
describe('inventory on PostgreSQL + Kafka', () => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0 }, backend: 'postgres', transport: 'kafka' });
  });
  afterAll(() => harness?.stop());

  it('a product.created published on Kafka creates the stock row', async () => {
    const productId = await catalog(harness).create();
    expect(await inventoryOf(harness).stores.stock.findByIds([productId])).toEqual([{ variantId: productId, productId, onHand: 0, reserved: 0 }]);
  });

  it('an order.stock-reservation-requested on shop.orders is answered by stock.reserved on shop.inventory, keyed by order id', async () => {
    const productId = await stockedProduct(harness, 2);
    const orderId = newOrderId();
    const replies: Array<{ key: string | null; envelope: EventEnvelope }> = [];
    await harness.platform.transport.subscribe({
      groupId: `saga-reader-${randomUUID()}`,
      topics: [inventoryTopic],
      handler: async (envelope, meta) => {
        if (meta.key === orderId) replies.push({ key: meta.key, envelope });
      },
    });
    const request = orderEvents.reservationRequested(orderId, [{ productId, quantity: 2 }]);
    await harness.platform.transport.publish([{ topic: orderTopics.inventory, key: orderId, envelope: request }]);
    await eventually(async () => replies.length === 1, 60_000);
    expect(replies.map(({ key, envelope }) => [key, envelope.type, envelope.data])).toEqual([
      [orderId, 'stock.reserved', { orderId, items: [{ productId, variantId: productId, quantity: 2 }], expiresAt: expect.any(String) }],
    ]);
  });
});
