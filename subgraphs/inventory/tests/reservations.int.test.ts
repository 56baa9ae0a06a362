import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitiesOf, eventually, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule, type Inventory } from '../src';
import { defaultLevel, inventoryOf, productRefs, stockedProduct, stockEvents } from './helpers';
import { ProductStockDocument } from './__generated__/graphql';

describe.each(sqlBackends)('reservations on %s', (backend) => {
  let harness: SubgraphHarness;
  let inventory: Inventory;
  let events: Awaited<ReturnType<typeof stockEvents>>;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0 }, backend });
    inventory = inventoryOf(harness);
    events = await stockEvents(harness);
  });
  afterAll(() => harness.stop());

  const reserve = (items: Array<{ productId: string; quantity: number }>, extra: Record<string, unknown> = {}) =>
    inventory.reservations.reserve({ reservationId: randomUUID(), orderId: `order-${randomUUID()}`, items, ttlSeconds: 600, ...extra });
  const levels = (productId: string) => defaultLevel(inventory, productId);
  const stock = async (productId: string) =>
    entitiesOf('Product', (await harness.call(ProductStockDocument, { reps: productRefs([productId]) })).data!._entities)[0]!.stock;

  it('lets exactly 10 of 50 concurrent one-unit reservations through against stock 10', async () => {
    const productId = await stockedProduct(harness, 10);
    const results = await Promise.all(Array.from({ length: 50 }, () => reserve([{ productId, quantity: 1 }])));
    expect(results.filter((result) => result.reservation !== null)).toHaveLength(10);
    const refused = results.filter((result) => result.reservation === null);
    expect(refused).toHaveLength(40);
    expect(refused.every((result) => result.errors.length === 1 && result.errors[0]!.code === 'INSUFFICIENT_STOCK' && result.errors[0]!.available === 0)).toBe(
      true,
    );
    expect(await levels(productId)).toEqual({ productId, onHand: 10, reserved: 10 });
    expect(await stock(productId)).toBe(0);
    await eventually(async () => events.for(productId).length === 11);
    expect(events.for(productId).map((event) => event.stock)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('holds every item or none, listing each item that lacks stock', async () => {
    const [plenty, scarce] = [await stockedProduct(harness, 5), await stockedProduct(harness, 1)];
    const missing = `missing-${randomUUID()}`;
    const result = await reserve([
      { productId: plenty, quantity: 2 },
      { productId: scarce, quantity: 3 },
      { productId: missing, quantity: 1 },
    ]);
    expect(result.reservation).toBeNull();
    expect(result.errors.map(({ code, productId, requested, available }) => ({ code, productId, requested, available }))).toEqual(
      [
        { code: 'INSUFFICIENT_STOCK', productId: scarce, requested: 3, available: 1 },
        { code: 'UNKNOWN_VARIANT', productId: missing, requested: 1, available: 0 },
      ].sort((a, b) => (a.productId < b.productId ? -1 : 1)),
    );
    expect(await levels(plenty)).toEqual({ productId: plenty, onHand: 5, reserved: 0 });
    expect(await levels(scarce)).toEqual({ productId: scarce, onHand: 1, reserved: 0 });
  });

  it('is idempotent by reservation id, also under concurrency', async () => {
    const productId = await stockedProduct(harness, 4);
    const request = { reservationId: randomUUID(), orderId: 'order-7', items: [{ productId, quantity: 3 }], ttlSeconds: 600 };
    const results = await Promise.all(Array.from({ length: 5 }, () => inventory.reservations.reserve(request)));
    expect(results.map((result) => [result.reservation?.id, result.reservation?.status, result.errors])).toEqual(
      Array.from({ length: 5 }, () => [request.reservationId, 'active', []]),
    );
    expect(await levels(productId)).toEqual({ productId, onHand: 4, reserved: 3 });
    const reused = await inventory.reservations.reserve({ ...request, items: [{ productId, quantity: 1 }] });
    expect(reused).toEqual({ reservation: null, errors: [expect.objectContaining({ code: 'RESERVATION_ID_REUSED' })] });
  });

  it('commits once: on-hand drops, availability stays, the ledger records the sale', async () => {
    const productId = await stockedProduct(harness, 5);
    const held = await reserve([{ productId, quantity: 2 }], { orderId: 'order-42' });
    const id = held.reservation!.id;
    const [first, second] = [await inventory.reservations.commit(id), await inventory.reservations.commit(id)];
    expect(first.reservation).toMatchObject({ id, status: 'committed', items: [{ productId, quantity: 2 }] });
    expect(second.reservation).toMatchObject({ id, status: 'committed' });
    expect(await levels(productId)).toEqual({ productId, onHand: 3, reserved: 0 });
    expect(await stock(productId)).toBe(3);
    const ledger = await inventory.stores.movements.page({ productId }, null, 10);
    expect(ledger.map(({ kind, delta, onHandAfter, reason, actorId }) => ({ kind, delta, onHandAfter, reason, actorId }))).toEqual([
      { kind: 'sale', delta: -2, onHandAfter: 3, reason: 'order order-42', actorId: null },
      expect.objectContaining({ kind: 'adjustment', delta: 5 }),
    ]);
    expect((await inventory.reservations.release(id)).errors.map((error) => error.code)).toEqual(['RESERVATION_COMMITTED']);
  });

  it('releases once, concurrently too, and gives the units back', async () => {
    const productId = await stockedProduct(harness, 3);
    const id = (await reserve([{ productId, quantity: 3 }])).reservation!.id;
    const results = await Promise.all(Array.from({ length: 4 }, () => inventory.reservations.release(id)));
    expect(results.map((result) => result.reservation?.status)).toEqual(['released', 'released', 'released', 'released']);
    expect(await levels(productId)).toEqual({ productId, onHand: 3, reserved: 0 });
    expect((await inventory.reservations.commit(id)).errors.map((error) => error.code)).toEqual(['RESERVATION_RELEASED']);
    expect((await inventory.reservations.release(randomUUID())).errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    await eventually(async () => events.for(productId).length === 3);
    expect(events.for(productId).map((event) => [event.stock, event.inStock])).toEqual([
      [3, true],
      [0, false],
      [3, true],
    ]);
  });

  it('releases an expired reservation exactly once with two sweepers racing', async () => {
    const productId = await stockedProduct(harness, 6);
    const now = new Date();
    const ids = await Promise.all([1, 2, 3].map(async () => (await reserve([{ productId, quantity: 2 }], { ttlSeconds: 60 })).reservation!.id));
    expect(await inventory.reservations.releaseExpired(now)).not.toEqual(expect.arrayContaining([ids[0]]));
    const later = new Date(now.getTime() + 120_000);
    expect((await inventory.reservations.commit(ids[0]!, later)).errors.map((error) => error.code)).toEqual(['RESERVATION_EXPIRED']);
    const [a, b] = await Promise.all([inventory.reservations.releaseExpired(later, 1), inventory.reservations.releaseExpired(later, 1)]);
    const ours = [...a, ...b].filter((id) => ids.includes(id));
    expect(ours.sort()).toEqual([...ids].sort());
    expect(await levels(productId)).toEqual({ productId, onHand: 6, reserved: 0 });
    expect(await inventory.reservations.releaseExpired(later)).toEqual([]);
    const released = await inventory.reservations.release(ids[1]!);
    expect(released.reservation?.status).toBe('expired');
    expect((await inventory.reservations.commit(ids[2]!, later)).errors.map((error) => error.code)).toEqual(['RESERVATION_RELEASED']);
  });

  it('reports bad input as typed errors and holds nothing', async () => {
    const productId = await stockedProduct(harness, 5);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ items: [{ productId, quantity: 0 }] }, ['items.0.quantity']],
      [{ items: [{ productId, quantity: -2 }] }, ['items.0.quantity']],
      [{ items: [{ productId, quantity: 1.5 }] }, ['items.0.quantity']],
      [{ items: [] }, ['items']],
      [
        {
          items: [
            { productId, quantity: 1 },
            { productId, quantity: 1 },
          ],
        },
        ['items'],
      ],
      [{ reservationId: 'not-a-uuid', ttlSeconds: 0, orderId: '' }, ['reservationId', 'orderId', 'ttlSeconds']],
    ];
    for (const [change, fields] of cases) {
      const result = await inventory.reservations.reserve({
        reservationId: randomUUID(),
        orderId: 'o',
        items: [{ productId, quantity: 1 }],
        ttlSeconds: 60,
        ...change,
      });
      expect(result.reservation).toBeNull();
      expect(result.errors.map((error) => [error.code, error.field])).toEqual(fields.map((field) => ['INVALID_INPUT', field]));
    }
    expect(await levels(productId)).toEqual({ productId, onHand: 5, reserved: 0 });
  });
});
