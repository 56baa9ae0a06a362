import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnReceived } from '@shop/events';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule, type Inventory } from '../src';
import { inventoryOf, stockedProduct } from './helpers';
import { deliver, newOrderId, orderEvents, repliesFor } from './saga-helpers';

describe.each(sqlBackends)('returns: restock on return.received on %s', (backend) => {
  let harness: SubgraphHarness;
  let inventory: Inventory;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0 }, backend });
    inventory = inventoryOf(harness);
  });
  afterAll(() => harness.stop());

  const levels = async (productId: string) => (await inventory.stores.stock.findByIds([productId]))[0];
  const ledger = async (productId: string) =>
    (await inventory.stores.movements.page({ productId }, null, 10)).map(({ kind, delta, onHandAfter, reason }) => ({ kind, delta, onHandAfter, reason }));
  const received = (orderId: string, returnId: string, items: Array<{ lineId: string; productId: string; quantity: number }>) =>
    returnReceived.create(orderId, { returnId, orderId, customerId: 'customer-1', items, refund: { amount: 1000, currency: 'EUR' } });

  it('puts exactly the returned units back once, with the return as reason, however often the event comes', async () => {
    const productId = await stockedProduct(harness, 5);
    const orderId = newOrderId();
    const items = [{ productId, quantity: 3 }];
    await deliver(harness, orderEvents.reservationRequested(orderId, items), orderEvents.confirmed(orderId, items));
    const returnId = randomUUID();
    // Two lines of one variant are restocked as one movement.
    const event = received(orderId, returnId, [
      { lineId: 'l1', productId, quantity: 1 },
      { lineId: 'l2', productId, quantity: 1 },
    ]);
    await deliver(harness, event, event, event);
    expect(await levels(productId)).toEqual({ productId, variantId: productId, onHand: 4, reserved: 0 });
    expect((await ledger(productId)).slice(0, 2)).toEqual([
      { kind: 'restock', delta: 2, onHandAfter: 4, reason: `return ${returnId}` },
      { kind: 'sale', delta: -3, onHandAfter: 2, reason: `order ${orderId}` },
    ]);
    expect((await repliesFor(harness, orderId)).map((reply) => reply.type)).toEqual(['stock.reserved']);
  });

  it('skips a variant it no longer keeps and restocks the others', async () => {
    const productId = await stockedProduct(harness, 2);
    const orderId = newOrderId();
    await deliver(
      harness,
      received(orderId, randomUUID(), [
        { lineId: 'gone', productId: `deleted-${randomUUID()}`, quantity: 1 },
        { lineId: 'kept', productId, quantity: 1 },
      ]),
    );
    expect(await levels(productId)).toEqual({ productId, variantId: productId, onHand: 3, reserved: 0 });
  });
});
