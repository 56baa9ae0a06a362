import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { entitiesOf, eventually, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule } from '../src';
import { StockStore } from '../src/stores/stock.store';
import { admin, catalog, customer, inventoryOf, productRefs, stockedProduct, stockEvents } from './helpers';
import { AdjustStockDocument, ProductStockDocument, StockMovementsDocument, type AdjustStockInput } from './__generated__/graphql';

describe.each(sqlBackends)('stock and adjustments on %s', (backend) => {
  let harness: SubgraphHarness;
  let events: Awaited<ReturnType<typeof stockEvents>>;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0 }, backend });
    events = await stockEvents(harness);
  });
  afterAll(() => harness.stop());
  afterEach(() => vi.restoreAllMocks());

  const adjust = (input: AdjustStockInput, caller: { userId: string; roles: string[] } | object = admin()) =>
    harness.call(AdjustStockDocument, { input }, caller);
  const stockOf = async (ids: string[]) => entitiesOf('Product', (await harness.call(ProductStockDocument, { reps: productRefs(ids) })).data!._entities);

  it('resolves 20 products in one batched query with their exact stock', async () => {
    const ids = await Promise.all(Array.from({ length: 19 }, (_, i) => stockedProduct(harness, i)));
    const unknown = `never-created-${randomUUID()}`;
    const totals = vi.spyOn(StockStore.prototype, 'totalsByProducts');
    const entities = await stockOf([...ids, unknown]);
    expect(entities).toEqual([...ids.map((id, i) => ({ id, stock: i, inStock: i > 0 })), { id: unknown, stock: 0, inStock: false }]);
    expect(totals).toHaveBeenCalledTimes(1);
    expect(totals.mock.calls[0]![0]).toHaveLength(20);
  });

  it('adjusts stock, records the movement and publishes stock.changed', async () => {
    const productId = await catalog(harness).create();
    const who = admin();
    const added = await adjust({ productId, delta: 7, reason: ' delivery 4711 ', idempotencyKey: randomUUID() }, who);
    expect(added.data!.adjustStock).toEqual({
      movement: {
        id: expect.any(String),
        kind: 'ADJUSTMENT',
        delta: 7,
        onHandAfter: 7,
        reason: 'delivery 4711',
        actor: { id: who.userId },
        product: { id: productId, stock: 7, inStock: true },
      },
      errors: [],
    });
    const removed = await adjust({ productId, delta: -7, idempotencyKey: randomUUID() }, who);
    expect(removed.data!.adjustStock.movement).toMatchObject({ delta: -7, onHandAfter: 0, reason: null, product: { stock: 0, inStock: false } });
    await eventually(async () => events.for(productId).length === 2);
    expect(events.for(productId)).toEqual([
      { productId, stock: 7, inStock: true, variant: { variantId: productId, stock: 7, inStock: true } },
      { productId, stock: 0, inStock: false, variant: { variantId: productId, stock: 0, inStock: false } },
    ]);
  });

  it('applies an idempotency key once, also when the requests race', async () => {
    const productId = await stockedProduct(harness, 10);
    const who = admin();
    const input = { productId, delta: -3, reason: 'damaged', idempotencyKey: `key-${randomUUID()}` };
    const results = await Promise.all(Array.from({ length: 8 }, () => adjust(input, who)));
    const movementIds = new Set(results.map((result) => result.data!.adjustStock.movement!.id));
    expect(movementIds.size).toBe(1);
    expect(results.every((result) => result.data!.adjustStock.movement!.onHandAfter === 7)).toBe(true);
    const again = await adjust(input, who);
    expect(again.data!.adjustStock.movement!.id).toBe([...movementIds][0]);
    expect(await stockOf([productId])).toEqual([{ id: productId, stock: 7, inStock: true }]);
  });

  it('refuses to reuse an idempotency key for a different adjustment', async () => {
    const productId = await stockedProduct(harness, 10);
    const who = admin();
    const key = randomUUID();
    await adjust({ productId, delta: 2, idempotencyKey: key }, who);
    for (const changed of [{ delta: 3 }, { reason: 'other' }, { productId: await stockedProduct(harness, 1) }]) {
      const reused = await adjust({ productId, delta: 2, idempotencyKey: key, ...changed }, who);
      expect(reused.data!.adjustStock).toEqual({
        movement: null,
        errors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: 'This idempotency key was already used for a different adjustment' }],
      });
    }
    expect(await stockOf([productId])).toEqual([{ id: productId, stock: 12, inStock: true }]);
  });

  it('never takes on-hand below zero or below what is reserved', async () => {
    const productId = await stockedProduct(harness, 5);
    const tooMany = await adjust({ productId, delta: -6, idempotencyKey: randomUUID() });
    expect(tooMany.data!.adjustStock).toEqual({
      movement: null,
      errors: [{ code: 'INSUFFICIENT_STOCK', field: 'delta', message: 'Only 5 units can be removed (5 on hand, 0 reserved)' }],
    });
    await inventoryOf(harness).reservations.reserve({ reservationId: randomUUID(), orderId: 'o-1', items: [{ productId, quantity: 3 }], ttlSeconds: 600 });
    const reserved = await adjust({ productId, delta: -3, idempotencyKey: randomUUID() });
    expect(reserved.data!.adjustStock.errors).toEqual([
      { code: 'INSUFFICIENT_STOCK', field: 'delta', message: 'Only 2 units can be removed (5 on hand, 3 reserved)' },
    ]);
    expect(await inventoryOf(harness).stores.stock.findByIds([productId])).toEqual([{ variantId: productId, productId, onHand: 5, reserved: 3 }]);
    const failedKey = randomUUID();
    await adjust({ productId, delta: -9, idempotencyKey: failedKey });
    const retried = await adjust({ productId, delta: -2, idempotencyKey: failedKey });
    expect(retried.data!.adjustStock.movement).toMatchObject({ delta: -2, onHandAfter: 3, product: { stock: 0, inStock: false } });
  });

  it('reports an unknown product and invalid input as typed errors', async () => {
    const unknown = await adjust({ productId: `missing-${randomUUID()}`, delta: 1, idempotencyKey: randomUUID() });
    expect(unknown.data!.adjustStock).toEqual({
      movement: null,
      errors: [{ code: 'UNKNOWN_PRODUCT', field: 'productId', message: 'No stock is kept for this product' }],
    });
    const invalid = await adjust({ productId: ' ', delta: 0, reason: 'x'.repeat(501), idempotencyKey: '' });
    expect(invalid.data!.adjustStock.movement).toBeNull();
    expect(invalid.data!.adjustStock.errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_INPUT', 'productId'],
      ['INVALID_INPUT', 'delta'],
      ['INVALID_INPUT', 'reason'],
      ['INVALID_INPUT', 'idempotencyKey'],
    ]);
    expect(invalid.data!.adjustStock.errors[1]!.message).toBe('delta: must not be 0');
    // idempotencyKey left out on purpose: the variables are refused before any resolver runs.
    const missingKey = await adjust({ productId: 'p', delta: 1 } as AdjustStockInput);
    expect(missingKey.data).toBeUndefined();
    expect(missingKey.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(missingKey.errors![0]!.message).toContain('idempotencyKey');
  });

  it('lets only admins adjust stock and read the ledger; anyone reads stock', async () => {
    const productId = await stockedProduct(harness, 2);
    const input = { productId, delta: 1, idempotencyKey: randomUUID() };
    const codes = async (caller: object) => [
      (await adjust(input, caller)).errors?.map((error) => error.extensions?.code) ?? 'OK',
      (await harness.call(StockMovementsDocument, { p: productId }, caller)).errors?.map((error) => error.extensions?.code) ?? 'OK',
      (await harness.call(ProductStockDocument, { reps: productRefs([productId]) }, caller)).errors?.map((error) => error.extensions?.code) ?? 'OK',
    ];
    expect(await codes({})).toEqual([['UNAUTHENTICATED'], ['UNAUTHENTICATED'], 'OK']);
    expect(await codes(customer())).toEqual([['FORBIDDEN'], ['FORBIDDEN'], 'OK']);
    expect(await codes(admin())).toEqual(['OK', 'OK', 'OK']);
    expect(await stockOf([productId])).toEqual([{ id: productId, stock: 3, inStock: true }]);
  });

  it('pages through the ledger newest first', async () => {
    const productId = await catalog(harness).create();
    const who = admin();
    for (const delta of [5, -1, 2]) await adjust({ productId, delta, idempotencyKey: randomUUID() }, who);
    const first = (await harness.call(StockMovementsDocument, { p: productId, first: 2 }, who)).data!.stockMovements;
    expect(first.edges.map((edge) => [edge.node.delta, edge.node.onHandAfter, edge.node.actor!.id])).toEqual([
      [2, 6, who.userId],
      [-1, 4, who.userId],
    ]);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[1]!.cursor });
    expect(first.totalCount).toBe(3);
    const next = (await harness.call(StockMovementsDocument, { p: productId, first: 2, after: first.pageInfo.endCursor }, who)).data!.stockMovements;
    expect(next.edges.map((edge) => edge.node.delta)).toEqual([5]);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const tooMany = await harness.call(StockMovementsDocument, { p: productId, first: 101 }, who);
    expect(tooMany.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 100']]);
    const badCursor = await harness.call(StockMovementsDocument, { p: productId, after: 'not-a-cursor' }, who);
    expect(badCursor.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['BAD_USER_INPUT', 'after is not a valid cursor']]);
  });
});
