import { randomUUID } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VariantSnapshot } from '@shop/events';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { cartItems } from '../src/db/schema';
import { ordersModule } from '../src';
import { catalog, customer, newProductId, updatedEvent } from './helpers';

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

type Line = { sku: string; quantity: number; variant: { id: string }; product: { id: string }; optionValues: Array<{ option: string; value: string }>; unitPrice: { amount: number } };
type Payload = { addToCart: { cart: { items: Line[]; lines: Array<{ variantId: string; productId: string }> }; errors: Array<{ code: string; field: string | null }> } };
const add = `mutation($v: ID, $p: ID, $q: Int) { addToCart(variantId: $v, productId: $p, quantity: $q) {
  cart { items { sku quantity variant { id } product { id } optionValues { option value } unitPrice { amount } } lines { variantId productId } }
  errors { code field } } }`;

/** Cart lines are variants: orders knows them from product events, prices and skus are each variant's. */
describe.each(sqlBackends)('cart lines of variants on %s', (backend) => {
  let harness: SubgraphHarness;
  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend });
  });
  afterAll(() => harness.stop());

  const addToCart = async (variables: { v?: string | null; p?: string | null; q?: number }, caller: Caller) =>
    (await harness.call<Payload>(add, variables, caller)).data!.addToCart;
  const allLines = () => harness.platform.database.db.select().from(cartItems).orderBy(asc(cartItems.id));

  async function shirt() {
    const productId = newProductId();
    const ids = { s: `${productId}-s`, m: `${productId}-m`, l: `${productId}-l` };
    const variants = [variant(ids.s, 'S', 2500), variant(ids.m, 'M', 2700), variant(ids.l, 'L', 2500, false)];
    await catalog(harness).create({ name: 'Linen shirt', variants }, productId);
    return { productId, ids };
  }

  it('adds the size a shopper picks at that size\'s price, sku and option values', async () => {
    const { productId, ids } = await shirt();
    const shopper = customer();
    const first = await addToCart({ v: ids.m, q: 2 }, shopper);
    expect(first.errors).toEqual([]);
    const again = await addToCart({ v: ids.m, p: productId }, shopper);
    const s = await addToCart({ v: ids.s }, shopper);
    expect(again.errors).toEqual([]);
    expect(s.cart.items).toEqual([
      { sku: `SKU-${ids.m}`, quantity: 3, variant: { id: ids.m }, product: { id: productId }, optionValues: [{ option: 'Size', value: 'M' }], unitPrice: { amount: 2700 } },
      { sku: `SKU-${ids.s}`, quantity: 1, variant: { id: ids.s }, product: { id: productId }, optionValues: [{ option: 'Size', value: 'S' }], unitPrice: { amount: 2500 } },
    ]);
    expect(s.cart.lines).toEqual([
      { variantId: ids.m, productId },
      { variantId: ids.s, productId },
    ]);
    // A new price of M shows in the open cart; a variant dropped from the product leaves it.
    await catalog(harness).publish(updatedEvent(productId, { name: 'Linen shirt', variants: [variant(ids.m, 'M', 3000)] }));
    const after = await addToCart({ p: productId }, customer());
    expect(after.errors).toEqual([]);
    const mine = await addToCart({ v: ids.m, q: 99 }, shopper);
    expect(mine.errors.map((e) => e.code)).toEqual(['INVALID_QUANTITY']);
    expect(mine.cart.items.map((line) => [line.variant.id, line.quantity, line.unitPrice.amount])).toEqual([[ids.m, 3, 3000]]);
  });

  it('refuses bad input with typed errors and writes nothing', async () => {
    const { productId, ids } = await shirt();
    const other = await shirt();
    const legacy = await catalog(harness).create({ name: 'Mug' });
    const shopper = customer();
    expect((await addToCart({ p: legacy }, shopper)).errors).toEqual([]);
    const before = await allLines();
    const cases: Array<[{ v?: string | null; p?: string | null; q?: number }, [string, string | null]]> = [
      [{ p: productId }, ['VARIANT_REQUIRED', 'variantId']],
      [{}, ['VARIANT_REQUIRED', 'variantId']],
      [{ v: `missing-${randomUUID()}` }, ['UNKNOWN_VARIANT', 'variantId']],
      [{ v: 'x'.repeat(101) }, ['UNKNOWN_VARIANT', 'variantId']],
      [{ v: ids.m, p: other.productId }, ['UNKNOWN_VARIANT', 'variantId']],
      [{ p: 'y'.repeat(101) }, ['UNKNOWN_PRODUCT', 'productId']],
      [{ p: newProductId() }, ['UNKNOWN_PRODUCT', 'productId']],
      [{ v: ids.l }, ['PRODUCT_UNAVAILABLE', 'variantId']],
      [{ v: ids.m, q: 0 }, ['INVALID_QUANTITY', 'quantity']],
      [{ v: ids.m, q: 100 }, ['INVALID_QUANTITY', 'quantity']],
      [{ v: ids.m, q: -5 }, ['INVALID_QUANTITY', 'quantity']],
    ];
    for (const [variables, expected] of cases) {
      const result = await addToCart(variables, shopper);
      expect(result.errors.map((e) => [e.code, e.field]), JSON.stringify(variables)).toEqual([expected]);
      expect(result.cart.items.map((line) => line.variant.id)).toEqual([legacy]);
    }
    // An id no store could keep is refused before any resolver runs.
    const nul = await harness.call<Payload>(add, { v: 'bad\u0000id' }, shopper);
    expect(nul.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await allLines()).toEqual(before);
  });
});
