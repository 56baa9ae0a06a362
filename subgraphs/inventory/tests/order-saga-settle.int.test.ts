import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule, reservationIdFor, type Inventory } from '../src';
import { admin, defaultLevel, inventoryOf, stockedProduct } from './helpers';
import { deliver, newOrderId, orderEvents, repliesFor } from './saga-helpers';
import { StockMovementsDocument } from './__generated__/graphql';

const TTL_SECONDS = 600;

describe.each(sqlBackends)('checkout saga: confirmation, cancellation and expiry on %s', (backend) => {
  let harness: SubgraphHarness;
  let inventory: Inventory;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0, reservationTtlSeconds: TTL_SECONDS }, backend });
    inventory = inventoryOf(harness);
  });
  afterAll(() => harness.stop());

  const levels = (productId: string) => defaultLevel(inventory, productId);
  const status = async (orderId: string) => (await inventory.stores.reservations.find(reservationIdFor(orderId)))?.status;
  const replyTypes = async (orderId: string) => (await repliesFor(harness, orderId)).map((reply) => [reply.type, reply.data.reason ?? null]);
  const ledger = async (productId: string) =>
    (await inventory.stores.movements.page({ productId }, null, 10)).map(({ kind, delta, onHandAfter, reason }) => ({ kind, delta, onHandAfter, reason }));

  /** An order holding `quantity` of a product stocked with `units`. */
  async function reservedOrder(units: number, quantity: number) {
    const productId = await stockedProduct(harness, units);
    const orderId = newOrderId();
    const items = [{ productId, quantity }];
    await deliver(harness, orderEvents.reservationRequested(orderId, items));
    return { productId, orderId, items };
  }

  it('order.confirmed sells the held units once, also when delivered twice or repeated', async () => {
    const { productId, orderId, items } = await reservedOrder(5, 2);
    const confirmed = orderEvents.confirmed(orderId, items);
    await deliver(harness, confirmed, confirmed, orderEvents.confirmed(orderId, items));
    expect(await status(orderId)).toBe('committed');
    expect(await levels(productId)).toEqual({ productId, onHand: 3, reserved: 0 });
    expect((await ledger(productId)).filter((m) => m.kind === 'sale')).toEqual([{ kind: 'sale', delta: -2, onHandAfter: 3, reason: `order ${orderId}` }]);
    expect(await replyTypes(orderId)).toEqual([['stock.reserved', null]]);
  });

  it('order.confirmed commits a hold past its expiry that no sweep has released yet', async () => {
    const { productId, orderId } = await reservedOrder(2, 2);
    const later = new Date(Date.now() + (TTL_SECONDS + 60) * 1000);
    await harness.platform.database.db.transaction((tx) => inventory.saga.commit(tx, orderId, later));
    expect(await status(orderId)).toBe('committed');
    expect(await levels(productId)).toEqual({ productId, onHand: 0, reserved: 0 });
  });

  it('order.cancelled releases an active hold once and answers stock.released (cancelled) once', async () => {
    const { productId, orderId, items } = await reservedOrder(4, 3);
    const cancelled = orderEvents.cancelled(orderId, items);
    await deliver(harness, cancelled, cancelled, orderEvents.cancelled(orderId, items));
    expect(await status(orderId)).toBe('released');
    expect(await levels(productId)).toEqual({ productId, onHand: 4, reserved: 0 });
    expect(await repliesFor(harness, orderId)).toEqual([
      expect.objectContaining({ type: 'stock.reserved' }),
      {
        topic: 'shop.inventory',
        type: 'stock.released',
        data: { orderId, items: items.map((item) => ({ ...item, variantId: productId })), reason: 'cancelled' },
      },
    ]);
  });

  it('order.cancelled after confirmation puts the units back on hand exactly once (RESTOCK in the ledger)', async () => {
    const { productId, orderId, items } = await reservedOrder(5, 2);
    await deliver(harness, orderEvents.confirmed(orderId, items));
    const cancelled = orderEvents.cancelled(orderId, items, 'CONFIRMED');
    await deliver(harness, cancelled, cancelled, orderEvents.cancelled(orderId, items, 'CONFIRMED'));
    expect(await status(orderId)).toBe('restocked');
    expect(await levels(productId)).toEqual({ productId, onHand: 5, reserved: 0 });
    expect(await replyTypes(orderId)).toEqual([
      ['stock.reserved', null],
      ['stock.released', 'cancelled'],
    ]);
    const movements = await harness.call(StockMovementsDocument, { p: productId, first: 10 }, admin());
    expect(movements.data!.stockMovements.edges.map(({ node }) => [node.kind, node.delta, node.onHandAfter])).toEqual([
      ['RESTOCK', 2, 5],
      ['SALE', -2, 3],
      ['ADJUSTMENT', 5, 5],
    ]);
  });

  it('order.cancelled without a reservation (rejected, or never requested) changes nothing and answers nothing', async () => {
    const productId = await stockedProduct(harness, 1);
    const orderId = newOrderId();
    const items = [{ productId, quantity: 2 }];
    await deliver(harness, orderEvents.reservationRequested(orderId, items), orderEvents.cancelled(orderId, items));
    expect(await replyTypes(orderId)).toEqual([['stock.rejected', 'OUT_OF_STOCK']]);
    expect(await levels(productId)).toEqual({ productId, onHand: 1, reserved: 0 });
    const stranger = newOrderId();
    await deliver(harness, orderEvents.cancelled(stranger, items), orderEvents.confirmed(stranger, items));
    expect(await repliesFor(harness, stranger)).toEqual([]);
  });

  it('an expired hold is released once with one stock.released (expired), however many sweeps run', async () => {
    const { productId, orderId, items } = await reservedOrder(3, 3);
    const later = new Date(Date.now() + (TTL_SECONDS + 60) * 1000);
    const [a, b] = await Promise.all([inventory.reservations.releaseExpired(later, 1), inventory.reservations.releaseExpired(later, 1)]);
    await inventory.reservations.releaseExpired(later);
    expect([...a, ...b].filter((id) => id === reservationIdFor(orderId))).toHaveLength(1);
    expect(await status(orderId)).toBe('expired');
    expect(await levels(productId)).toEqual({ productId, onHand: 3, reserved: 0 });
    await deliver(harness, orderEvents.cancelled(orderId, items));
    expect(await repliesFor(harness, orderId)).toEqual([
      expect.objectContaining({ type: 'stock.reserved' }),
      {
        topic: 'shop.inventory',
        type: 'stock.released',
        data: { orderId, items: items.map((item) => ({ ...item, variantId: productId })), reason: 'expired' },
      },
    ]);
  });

  it('a repeated request for an order whose hold expired is rejected', async () => {
    const { productId, orderId, items } = await reservedOrder(3, 1);
    await inventory.reservations.releaseExpired(new Date(Date.now() + (TTL_SECONDS + 60) * 1000));
    await deliver(harness, orderEvents.reservationRequested(orderId, items));
    expect((await replyTypes(orderId)).at(-1)).toEqual(['stock.rejected', 'RESERVATION_EXPIRED']);
    expect(await levels(productId)).toEqual({ productId, onHand: 3, reserved: 0 });
  });
});
