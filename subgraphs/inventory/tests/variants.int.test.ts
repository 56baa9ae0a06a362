import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { productCreated, productUpdated } from '@shop/events';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { stockMovements } from '../src/db/schema';
import { inventoryModule, type Inventory } from '../src';
import { StockStore } from '../src/stores/stock.store';
import { admin, catalog, inventoryOf, newProductId, productRefs } from './helpers';
import { deliver, newOrderId, orderEvents, repliesFor } from './saga-helpers';
import {
  AdjustVariantStockDocument,
  ProductStockDocument,
  VariantStockDocument,
  VariantStockMovementsDocument,
  type AdjustStockInput,
  type VariantStockMovementsQueryVariables,
} from './__generated__/graphql';

const money = { amount: 1999, currency: 'EUR' };
const variant = (variantId: string, size: string, position: number) => ({
  variantId,
  sku: `SKU-${variantId}`,
  price: money,
  compareAtPrice: null,
  published: true,
  position,
  weightGrams: null,
  optionValues: [{ option: 'Size', value: size }],
});
const snapshot = (productId: string, variants: Array<ReturnType<typeof variant>>) => ({
  productId,
  sku: variants[0]!.sku,
  name: 'Shirt',
  categoryId: 'shirts',
  price: money,
  published: true,
  variants,
});

/** A shirt in S, M and L as product events announce it: inventory keeps one stock row per size. */
describe.each(sqlBackends)('stock per variant on %s', (backend) => {
  let harness: SubgraphHarness;
  let inventory: Inventory;
  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0 }, backend });
    inventory = inventoryOf(harness);
  });
  afterAll(() => harness.stop());
  afterEach(() => vi.restoreAllMocks());

  const adjust = (input: Omit<AdjustStockInput, 'idempotencyKey'>) =>
    harness.call(AdjustVariantStockDocument, { input: { idempotencyKey: randomUUID(), ...input } }, admin());
  const variantStock = async (ids: string[]) =>
    entitiesOf('ProductVariant', (await harness.call(VariantStockDocument, { reps: ids.map((id) => ({ __typename: 'ProductVariant', id })) })).data!._entities);
  const productStock = async (ids: string[]) => entitiesOf('Product', (await harness.call(ProductStockDocument, { reps: productRefs(ids) })).data!._entities);
  const rows = async (productId: string) =>
    (await inventory.stores.stock.variantsOf(productId)).map(({ variantId, onHand, reserved }) => ({ variantId, onHand, reserved }));
  const ledger = async (productId: string) => harness.platform.database.db.select().from(stockMovements).where(eq(stockMovements.productId, productId));

  async function shirt(units: { s: number; m: number; l: number }) {
    const productId = newProductId();
    const ids = { s: `${productId}-s`, m: `${productId}-m`, l: `${productId}-l` };
    await catalog(harness).publish(
      productCreated.create(productId, snapshot(productId, [variant(ids.s, 'S', 0), variant(ids.m, 'M', 1), variant(ids.l, 'L', 2)])),
    );
    for (const size of ['s', 'm', 'l'] as const) {
      if (units[size] > 0) expect((await adjust({ variantId: ids[size], delta: units[size] })).data!.adjustStock.errors).toEqual([]);
    }
    return { productId, ids };
  }

  it('keeps stock per variant: the product sums its variants, one query per batch of either', async () => {
    const { productId, ids } = await shirt({ s: 2, m: 5, l: 0 });
    expect(await rows(productId)).toEqual(
      [
        { variantId: ids.s, onHand: 2, reserved: 0 },
        { variantId: ids.m, onHand: 5, reserved: 0 },
        { variantId: ids.l, onHand: 0, reserved: 0 },
      ].sort((a, b) => (a.variantId < b.variantId ? -1 : 1)),
    );
    const byIds = vi.spyOn(StockStore.prototype, 'findByIds');
    const totals = vi.spyOn(StockStore.prototype, 'totalsByProducts');
    expect(await variantStock([ids.s, ids.m, ids.l, 'never-heard-of'])).toEqual([
      { id: ids.s, stock: 2, inStock: true },
      { id: ids.m, stock: 5, inStock: true },
      { id: ids.l, stock: 0, inStock: false },
      { id: 'never-heard-of', stock: 0, inStock: false },
    ]);
    expect(await productStock([productId])).toEqual([{ id: productId, stock: 7, inStock: true }]);
    expect([byIds.mock.calls.length, totals.mock.calls.length]).toEqual([1, 1]);
  });

  it('takes a product id only for a product with one variant; names the variant in the ledger', async () => {
    const { productId, ids } = await shirt({ s: 0, m: 1, l: 0 });
    const before = await ledger(productId);
    const refused = [
      await adjust({ productId, delta: 1 }),
      await adjust({ productId: newProductId(), delta: 1 }),
      await adjust({ variantId: `missing-${randomUUID()}`, delta: 1 }),
      await adjust({ variantId: ids.s, productId: newProductId(), delta: 1 }),
      await adjust({ delta: 1 }),
      await adjust({ variantId: 'x'.repeat(101), delta: 1 }),
      await adjust({ variantId: ids.s, delta: 1_000_001 }),
      await adjust({ variantId: ids.s, delta: -1 }),
    ];
    expect(refused.map((result) => result.data!.adjustStock)).toEqual([
      { movement: null, errors: [{ code: 'VARIANT_REQUIRED', field: 'variantId' }] },
      { movement: null, errors: [{ code: 'UNKNOWN_PRODUCT', field: 'productId' }] },
      { movement: null, errors: [{ code: 'UNKNOWN_VARIANT', field: 'variantId' }] },
      { movement: null, errors: [{ code: 'UNKNOWN_VARIANT', field: 'variantId' }] },
      { movement: null, errors: [{ code: 'INVALID_INPUT', field: 'variantId' }] },
      { movement: null, errors: [{ code: 'INVALID_INPUT', field: 'variantId' }] },
      { movement: null, errors: [{ code: 'INVALID_INPUT', field: 'delta' }] },
      { movement: null, errors: [{ code: 'INSUFFICIENT_STOCK', field: 'delta' }] },
    ]);
    expect(await ledger(productId)).toEqual(before);
    expect((await variantStock([ids.s, ids.m, ids.l])).map((v) => v!.stock)).toEqual([0, 1, 0]);
    const added = await adjust({ variantId: ids.l, productId, delta: 3 });
    expect(added.data!.adjustStock).toEqual({ movement: { delta: 3, onHandAfter: 3, variant: { id: ids.l }, product: { id: productId } }, errors: [] });
    const page = async (variables: VariantStockMovementsQueryVariables) =>
      (await harness.call(VariantStockMovementsDocument, variables, admin())).data!.stockMovements;
    expect(await page({ variantId: ids.l })).toEqual({ totalCount: 1, edges: [{ node: { delta: 3, variant: { id: ids.l } } }] });
    expect((await page({ productId })).totalCount).toBe(2);
    const both = await harness.call(VariantStockMovementsDocument, { productId, variantId: ids.l }, admin());
    expect(both.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('reserves variants all-or-nothing and never oversells one, while another size sells', async () => {
    const { productId, ids } = await shirt({ s: 3, m: 1, l: 0 });
    const lastM = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const orderId = newOrderId();
        await deliver(harness, orderEvents.reservationRequested(orderId, [{ productId, variantId: ids.m, quantity: 1 }]));
        return (await repliesFor(harness, orderId))[0]!.type;
      }),
    );
    expect(lastM.filter((type) => type === 'stock.reserved')).toHaveLength(1);
    const mixed = newOrderId();
    await deliver(
      harness,
      orderEvents.reservationRequested(mixed, [
        { productId, variantId: ids.s, quantity: 1 },
        { productId, variantId: ids.l, quantity: 1 },
      ]),
    );
    expect(await repliesFor(harness, mixed)).toEqual([
      { topic: 'shop.inventory', type: 'stock.rejected', data: { orderId: mixed, productIds: [productId], variantIds: [ids.l], reason: 'OUT_OF_STOCK' } },
    ]);
    const small = newOrderId();
    await deliver(harness, orderEvents.reservationRequested(small, [{ productId, variantId: ids.s, quantity: 2 }]));
    expect((await repliesFor(harness, small))[0]!.data.items).toEqual([{ productId, variantId: ids.s, quantity: 2 }]);
    await deliver(harness, orderEvents.confirmed(small, [{ productId, variantId: ids.s, quantity: 2 }]));
    expect(await rows(productId)).toEqual(
      [
        { variantId: ids.s, onHand: 1, reserved: 0 },
        { variantId: ids.m, onHand: 1, reserved: 1 },
        { variantId: ids.l, onHand: 0, reserved: 0 },
      ].sort((a, b) => (a.variantId < b.variantId ? -1 : 1)),
    );
    expect(await productStock([productId])).toEqual([{ id: productId, stock: 1, inStock: true }]);
  });

  it('follows product.updated: a new variant gets a row, a removed one loses its row, the others keep their units', async () => {
    const { productId, ids } = await shirt({ s: 2, m: 4, l: 1 });
    const xl = `${productId}-xl`;
    await catalog(harness).publish(
      productUpdated.create(productId, snapshot(productId, [variant(ids.m, 'M', 0), variant(ids.s, 'S', 1), variant(xl, 'XL', 2)])),
    );
    expect(await rows(productId)).toEqual(
      [
        { variantId: ids.s, onHand: 2, reserved: 0 },
        { variantId: ids.m, onHand: 4, reserved: 0 },
        { variantId: xl, onHand: 0, reserved: 0 },
      ].sort((a, b) => (a.variantId < b.variantId ? -1 : 1)),
    );
    // An event recorded before variants means the product's default variant.
    const old = newProductId();
    const { variants: _variants, ...legacy } = snapshot(old, [variant(old, 'S', 0)]);
    await catalog(harness).publish(productCreated.create(old, legacy));
    expect(await rows(old)).toEqual([{ variantId: old, onHand: 0, reserved: 0 }]);
  });
});
