import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderTopics } from '@shop/events';
import { eventually, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule, orderSagaHandler, reservationIdFor, type Inventory } from '../src';
import { defaultLevel, inventoryOf, newProductId, stockedProduct, stockEvents } from './helpers';
import { deliver, newOrderId, orderEvents, repliesFor } from './saga-helpers';

const TTL_SECONDS = 600;

describe.each(sqlBackends)('checkout saga: stock reservation requests on %s', (backend) => {
  let harness: SubgraphHarness;
  let inventory: Inventory;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0, reservationTtlSeconds: TTL_SECONDS }, backend });
    inventory = inventoryOf(harness);
  });
  afterAll(() => harness.stop());

  const levels = (productId: string) => defaultLevel(inventory, productId);

  it('holds every item of the order and answers stock.reserved with the configured expiry', async () => {
    const events = await stockEvents(harness);
    const [teapot, cups] = [await stockedProduct(harness, 5), await stockedProduct(harness, 3)];
    const orderId = newOrderId();
    const before = Date.now();
    await deliver(
      harness,
      orderEvents.reservationRequested(orderId, [
        { productId: teapot, quantity: 2 },
        { productId: cups, quantity: 3 },
      ]),
    );
    const after = Date.now();
    const reservation = (await inventory.stores.reservations.find(reservationIdFor(orderId)))!;
    expect(reservation).toMatchObject({ orderId, status: 'active' });
    expect(reservation.expiresAt.getTime()).toBeGreaterThanOrEqual(before + TTL_SECONDS * 1000);
    expect(reservation.expiresAt.getTime()).toBeLessThanOrEqual(after + TTL_SECONDS * 1000);
    // Items named by product only (recorded before variants) mean each product's default variant.
    const items = [
      { productId: teapot, variantId: teapot, quantity: 2 },
      { productId: cups, variantId: cups, quantity: 3 },
    ].sort((a, b) => (a.productId < b.productId ? -1 : 1));
    expect(await repliesFor(harness, orderId)).toEqual([
      { topic: 'shop.inventory', type: 'stock.reserved', data: { orderId, items, expiresAt: reservation.expiresAt.toISOString() } },
    ]);
    expect([await levels(teapot), await levels(cups)]).toEqual([
      { productId: teapot, onHand: 5, reserved: 2 },
      { productId: cups, onHand: 3, reserved: 3 },
    ]);
    await eventually(async () => events.for(teapot).length === 2 && events.for(cups).length === 2);
    expect([events.for(teapot).at(-1), events.for(cups).at(-1)]).toEqual([
      { productId: teapot, stock: 3, inStock: true, variant: { variantId: teapot, stock: 3, inStock: true } },
      { productId: cups, stock: 0, inStock: false, variant: { variantId: cups, stock: 0, inStock: false } },
    ]);
  });

  it('a redelivered request holds once and answers once; a repeated request (new event) holds nothing more', async () => {
    const productId = await stockedProduct(harness, 4);
    const orderId = newOrderId();
    const request = orderEvents.reservationRequested(orderId, [{ productId, quantity: 3 }]);
    await deliver(harness, request, request);
    expect(await levels(productId)).toEqual({ productId, onHand: 4, reserved: 3 });
    const [reply] = await repliesFor(harness, orderId);
    expect((await repliesFor(harness, orderId)).map((r) => r.type)).toEqual(['stock.reserved']);
    await deliver(harness, orderEvents.reservationRequested(orderId, [{ productId, quantity: 3 }]));
    expect(await levels(productId)).toEqual({ productId, onHand: 4, reserved: 3 });
    expect(await repliesFor(harness, orderId)).toEqual([reply, reply]);
  });

  it('holds nothing when one item lacks stock and answers stock.rejected naming it', async () => {
    const [plenty, scarce, unknown] = [await stockedProduct(harness, 5), await stockedProduct(harness, 1), newProductId()];
    const orderId = newOrderId();
    const items = [
      { productId: plenty, quantity: 2 },
      { productId: scarce, quantity: 2 },
      { productId: unknown, quantity: 1 },
    ];
    await deliver(harness, orderEvents.reservationRequested(orderId, items));
    expect(await repliesFor(harness, orderId)).toEqual([
      {
        topic: 'shop.inventory',
        type: 'stock.rejected',
        data: { orderId, productIds: [scarce, unknown].sort(), variantIds: [scarce, unknown].sort(), reason: 'OUT_OF_STOCK' },
      },
    ]);
    expect([await levels(plenty), await levels(scarce)]).toEqual([
      { productId: plenty, onHand: 5, reserved: 0 },
      { productId: scarce, onHand: 1, reserved: 0 },
    ]);
    expect(await inventory.stores.reservations.find(reservationIdFor(orderId))).toBeNull();
  });

  it('merges two lines of one product into one held item', async () => {
    const productId = await stockedProduct(harness, 5);
    const orderId = newOrderId();
    await deliver(
      harness,
      orderEvents.reservationRequested(orderId, [
        { productId, quantity: 1 },
        { productId, quantity: 2 },
      ]),
    );
    expect((await repliesFor(harness, orderId)).map((r) => [r.type, r.data.items])).toEqual([
      ['stock.reserved', [{ productId, variantId: productId, quantity: 3 }]],
    ]);
    expect(await levels(productId)).toEqual({ productId, onHand: 5, reserved: 3 });
  });

  it('of 50 concurrent orders for the last unit, exactly one is reserved', async () => {
    const productId = await stockedProduct(harness, 1);
    const handle = orderSagaHandler({ db: harness.platform.database.db, saga: inventory.saga, afterCommit: () => {} });
    const orderIds = Array.from({ length: 50 }, newOrderId);
    await Promise.all(
      orderIds.map((orderId) =>
        handle(orderEvents.reservationRequested(orderId, [{ productId, quantity: 1 }]), {
          topic: orderTopics.inventory,
          partition: 0,
          offset: '0',
          key: orderId,
          attempt: 1,
          headers: {},
        }),
      ),
    );
    const replies = (await Promise.all(orderIds.map((orderId) => repliesFor(harness, orderId)))).map((r) => r.map((reply) => reply.type));
    expect(replies.filter((types) => types.join() === 'stock.reserved')).toHaveLength(1);
    expect(replies.filter((types) => types.join() === 'stock.rejected')).toHaveLength(49);
    expect(await levels(productId)).toEqual({ productId, onHand: 1, reserved: 1 });
  });
});
