import { randomUUID } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VariantSnapshot } from '@shop/events';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { cartItems } from '../src/db/schema';
import { ordersModule } from '../src';
import { catalog, customer, newProductId, updatedEvent } from './helpers';
import { AddVariantToCartDocument, type AddVariantToCartMutationVariables } from './__generated__/graphql';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const variant = (variantId: string, size: string, price: number, published = true): VariantSnapshot => ({
  variantId,
  sku: `SKU-${variantId}`,
  price: eur(price),
  compareAtPrice: null,
  published,
  position: 0,
  weightGrams: null,
  optionValues: [{ option: 'Size', value: size }],
});

/** Cart lines are variants: orders knows them from product events, prices and skus are each variant's. */
describe.each(sqlBackends)('cart lines of variants on %s', (backend) => {
  let harness: SubgraphHarness;
  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend });
  });
  afterAll(() => harness.stop());

  const addToCart = async (variables: AddVariantToCartMutationVariables, caller: Caller) =>
    (await harness.call(AddVariantToCartDocument, variables, caller)).data!.addToCart;
  const allLines = () => harness.platform.database.db.select().from(cartItems).orderBy(asc(cartItems.id));

  async function shirt() {
    const productId = newProductId();
    const ids = { s: `${productId}-s`, m: `${productId}-m`, l: `${productId}-l` };
    const variants = [variant(ids.s, 'S', 2500), variant(ids.m, 'M', 2700), variant(ids.l, 'L', 2500, false)];
    await catalog(harness).create({ name: 'Linen shirt', variants }, productId);
    return { productId, ids };
  }

  it("adds the size a shopper picks at that size's price, sku and option values", async () => {
    const { productId, ids } = await shirt();
    const shopper = customer();
    const first = await addToCart({ variantId: ids.m, quantity: 2 }, shopper);
    expect(first.errors).toEqual([]);
    const again = await addToCart({ variantId: ids.m, productId }, shopper);
    const s = await addToCart({ variantId: ids.s }, shopper);
    expect(again.errors).toEqual([]);
    expect(s.cart.items).toEqual([
      {
        sku: `SKU-${ids.m}`,
        quantity: 3,
        variant: { id: ids.m },
        product: { id: productId },
        optionValues: [{ option: 'Size', value: 'M' }],
        unitPrice: { amount: 2700 },
      },
      {
        sku: `SKU-${ids.s}`,
        quantity: 1,
        variant: { id: ids.s },
        product: { id: productId },
        optionValues: [{ option: 'Size', value: 'S' }],
        unitPrice: { amount: 2500 },
      },
    ]);
    expect(s.cart.lines).toEqual([
      { variantId: ids.m, productId },
      { variantId: ids.s, productId },
    ]);
    // A new price of M shows in the open cart; a variant dropped from the product leaves it.
    await catalog(harness).publish(updatedEvent(productId, { name: 'Linen shirt', variants: [variant(ids.m, 'M', 3000)] }));
    const after = await addToCart({ productId }, customer());
    expect(after.errors).toEqual([]);
    const mine = await addToCart({ variantId: ids.m, quantity: 99 }, shopper);
    expect(mine.errors.map((e) => e.code)).toEqual(['INVALID_QUANTITY']);
    expect(mine.cart.items.map((line) => [line.variant.id, line.quantity, line.unitPrice.amount])).toEqual([[ids.m, 3, 3000]]);
  });

  it('refuses bad input with typed errors and writes nothing', async () => {
    const { productId, ids } = await shirt();
    const other = await shirt();
    const legacy = await catalog(harness).create({ name: 'Mug' });
    const shopper = customer();
    expect((await addToCart({ productId: legacy }, shopper)).errors).toEqual([]);
    const before = await allLines();
    const cases: Array<[AddVariantToCartMutationVariables, [string, string | null]]> = [
      [{ productId }, ['VARIANT_REQUIRED', 'variantId']],
      [{}, ['VARIANT_REQUIRED', 'variantId']],
      [{ variantId: `missing-${randomUUID()}` }, ['UNKNOWN_VARIANT', 'variantId']],
      [{ variantId: 'x'.repeat(101) }, ['UNKNOWN_VARIANT', 'variantId']],
      [{ variantId: ids.m, productId: other.productId }, ['UNKNOWN_VARIANT', 'variantId']],
      [{ productId: 'y'.repeat(101) }, ['UNKNOWN_PRODUCT', 'productId']],
      [{ productId: newProductId() }, ['UNKNOWN_PRODUCT', 'productId']],
      [{ variantId: ids.l }, ['PRODUCT_UNAVAILABLE', 'variantId']],
      [{ variantId: ids.m, quantity: 0 }, ['INVALID_QUANTITY', 'quantity']],
      [{ variantId: ids.m, quantity: 100 }, ['INVALID_QUANTITY', 'quantity']],
      [{ variantId: ids.m, quantity: -5 }, ['INVALID_QUANTITY', 'quantity']],
    ];
    for (const [variables, expected] of cases) {
      const result = await addToCart(variables, shopper);
      expect(
        result.errors.map((e) => [e.code, e.field]),
        JSON.stringify(variables),
      ).toEqual([expected]);
      expect(result.cart.items.map((line) => line.variant.id)).toEqual([legacy]);
    }
    // An id no store could keep is refused before any resolver runs.
    const nul = await harness.call(AddVariantToCartDocument, { variantId: 'bad\u0000id' }, shopper);
    expect(nul.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await allLines()).toEqual(before);
  });
});
