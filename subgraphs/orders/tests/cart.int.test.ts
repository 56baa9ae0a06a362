import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { createOrders, ordersModule } from '../src';
import { catalog, customer, rootField } from './helpers';
import {
  AddToCartDocument,
  ApplyCouponCodeDocument,
  MyCartDocument,
  RemoveCartItemDocument,
  RemoveCouponCodeDocument,
  SetShippingAddressDocument,
  UpdateCartItemDocument,
  type AddToCartMutationVariables,
} from './__generated__/graphql';

describe.each(sqlBackends)('cart lines on %s', (backend) => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend });
  });
  afterAll(() => harness.stop());

  async function mutate<TData extends object, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, caller: Caller) {
    const result = await harness.call(document, variables, caller);
    expect(result.errors).toBeUndefined();
    return rootField(result.data!);
  }
  async function cartOf(caller: Caller) {
    const result = await harness.call(MyCartDocument, {}, caller);
    expect(result.errors).toBeUndefined();
    return result.data!.cart;
  }

  it('creates one empty cart per user on first read and returns the same one after', async () => {
    const shopper = customer();
    const first = await cartOf(shopper);
    expect(first).toMatchObject({
      owner: { id: shopper.userId },
      items: [],
      lines: [],
      itemCount: 0,
      subtotal: null,
      currency: null,
      couponCode: null,
      shippingAddress: null,
    });
    expect((await cartOf(shopper)).id).toBe(first.id);
    expect((await cartOf(customer())).id).not.toBe(first.id);
  });

  it('adds products, merges a repeated product into its line and sums the subtotal exactly', async () => {
    const shopper = customer();
    const teapot = await catalog(harness).create({ price: { amount: 2599, currency: 'EUR' }, categoryId: 'kitchen' });
    const cup = await catalog(harness).create({ price: { amount: 333, currency: 'EUR' }, categoryId: 'tableware' });
    await mutate(AddToCartDocument, { productId: teapot }, shopper);
    await mutate(AddToCartDocument, { productId: cup, quantity: 3 }, shopper);
    const { cart, errors } = await mutate(AddToCartDocument, { productId: teapot, quantity: 2 }, shopper);
    expect(errors).toEqual([]);
    expect(cart.items.map(({ product, quantity, unitPrice }) => ({ product, quantity, unitPrice }))).toEqual([
      { product: { id: teapot }, quantity: 3, unitPrice: { amount: 2599, currency: 'EUR' } },
      { product: { id: cup }, quantity: 3, unitPrice: { amount: 333, currency: 'EUR' } },
    ]);
    expect(cart.lines.map(({ productId, categoryId, quantity }) => ({ productId, categoryId, quantity }))).toEqual([
      { productId: teapot, categoryId: 'kitchen', quantity: 3 },
      { productId: cup, categoryId: 'tableware', quantity: 3 },
    ]);
    expect(cart.lines.map((line) => line.lineId)).toEqual(cart.items.map((item) => item.id));
    expect(cart).toMatchObject({ itemCount: 6, currency: 'EUR', subtotal: { amount: 3 * 2599 + 3 * 333, currency: 'EUR' } });
    expect(await cartOf(shopper)).toEqual(cart);
  });

  it('10 concurrent adds of one product make one line of quantity 10', async () => {
    const shopper = customer();
    const productId = await catalog(harness).create({ price: { amount: 199, currency: 'EUR' } });
    const results = await Promise.all(Array.from({ length: 10 }, () => mutate(AddToCartDocument, { productId, quantity: 1 }, shopper)));
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    const cart = await cartOf(shopper);
    expect(cart.items.map((item) => item.quantity)).toEqual([10]);
    expect(cart.subtotal).toEqual({ amount: 1990, currency: 'EUR' });
  });

  it('refuses unknown, unpublished and other-currency products and bad quantities', async () => {
    const shopper = customer();
    const euro = await catalog(harness).create();
    const hidden = await catalog(harness).create({ published: false });
    const dollar = await catalog(harness).create({ price: { amount: 1000, currency: 'USD' } });
    const fail = async (variables: AddToCartMutationVariables) => (await mutate(AddToCartDocument, variables, shopper)).errors;
    expect(await fail({ productId: 'prod-nope' })).toEqual([{ code: 'UNKNOWN_PRODUCT', field: 'productId', message: 'No such product' }]);
    expect(await fail({ productId: hidden })).toEqual([{ code: 'PRODUCT_UNAVAILABLE', field: 'productId', message: 'This product is not for sale' }]);
    expect(await fail({ productId: euro, quantity: 0 })).toEqual([{ code: 'INVALID_QUANTITY', field: 'quantity', message: 'A line holds 1 to 99 units' }]);
    expect(await fail({ productId: euro, quantity: 100 })).toEqual([{ code: 'INVALID_QUANTITY', field: 'quantity', message: 'A line holds 1 to 99 units' }]);
    await mutate(AddToCartDocument, { productId: euro, quantity: 98 }, shopper);
    expect((await fail({ productId: euro, quantity: 2 })).map((error) => error.code)).toEqual(['INVALID_QUANTITY']);
    const mismatch = await mutate(AddToCartDocument, { productId: dollar }, shopper);
    expect(mismatch.errors).toEqual([{ code: 'CURRENCY_MISMATCH', field: 'productId', message: 'This cart is in EUR; the product is priced in USD' }]);
    expect(mismatch.cart.items.map((item) => item.quantity)).toEqual([98]);
  });

  it('refuses a 51st line', async () => {
    const shopper = customer();
    const orders = createOrders(harness.platform.database.db);
    const db = harness.platform.database.db;
    const ids = Array.from({ length: 51 }, () => `prod-${randomUUID()}`);
    for (const productId of ids) {
      await orders.stores.products.upsert(
        { productId, sku: productId, name: 'Pin', categoryId: 'pins', priceAmount: 1, priceCurrency: 'EUR', published: true },
        db,
      );
      await orders.stores.variants.replaceForProduct(
        productId,
        [{ variantId: productId, productId, sku: productId, priceAmount: 1, priceCurrency: 'EUR', published: true, position: 0, optionValues: [] }],
        db,
      );
      await orders.stores.variants.replaceForProduct(
        productId,
        [{ variantId: productId, productId, sku: productId, priceAmount: 1, priceCurrency: 'EUR', published: true, position: 0, optionValues: [] }],
        db,
      );
    }
    for (const productId of ids.slice(0, 50)) expect((await orders.carts.addToCart({ userId: shopper.userId }, { productId }, 1)).errors).toEqual([]);
    const { cart, errors } = await mutate(AddToCartDocument, { productId: ids[50]! }, shopper);
    expect(errors).toEqual([{ code: 'TOO_MANY_ITEMS', field: null, message: 'A cart holds at most 50 lines' }]);
    expect(cart).toMatchObject({ itemCount: 50, subtotal: { amount: 50, currency: 'EUR' } });
    expect((await mutate(AddToCartDocument, { productId: ids[0]! }, shopper)).errors).toEqual([]);
  });

  it('updates and removes lines; quantity 0 removes; an emptied cart has no currency', async () => {
    const shopper = customer();
    const productId = await catalog(harness).create({ price: { amount: 250, currency: 'GBP' } });
    const added = await mutate(AddToCartDocument, { productId, quantity: 2 }, shopper);
    const itemId = added.cart.items[0]!.id;
    const updated = await mutate(UpdateCartItemDocument, { itemId, quantity: 7 }, shopper);
    expect(updated).toMatchObject({ errors: [], cart: { itemCount: 7, subtotal: { amount: 1750, currency: 'GBP' } } });
    expect((await mutate(UpdateCartItemDocument, { itemId, quantity: 100 }, shopper)).errors.map((e) => e.code)).toEqual(['INVALID_QUANTITY']);
    expect((await mutate(UpdateCartItemDocument, { itemId, quantity: -1 }, shopper)).errors.map((e) => e.code)).toEqual(['INVALID_QUANTITY']);
    const zero = await mutate(UpdateCartItemDocument, { itemId, quantity: 0 }, shopper);
    expect(zero).toMatchObject({ errors: [], cart: { items: [], itemCount: 0, subtotal: null, currency: null } });
    const again = await mutate(AddToCartDocument, { productId }, shopper);
    const removed = await mutate(RemoveCartItemDocument, { itemId: again.cart.items[0]!.id }, shopper);
    expect(removed).toMatchObject({ errors: [], cart: { items: [] } });
  });

  it("answers NOT_FOUND for a missing line and for another user's line", async () => {
    const owner = customer();
    const intruder = customer();
    const productId = await catalog(harness).create();
    const itemId = (await mutate(AddToCartDocument, { productId }, owner)).cart.items[0]!.id;
    const notFound = [{ code: 'NOT_FOUND', field: 'itemId', message: 'No such line in your cart' }];
    expect((await mutate(UpdateCartItemDocument, { itemId, quantity: 5 }, intruder)).errors).toEqual(notFound);
    expect((await mutate(RemoveCartItemDocument, { itemId }, intruder)).errors).toEqual(notFound);
    expect((await mutate(RemoveCartItemDocument, { itemId: randomUUID() }, owner)).errors).toEqual(notFound);
    expect((await cartOf(owner)).items.map((item) => item.quantity)).toEqual([1]);
    const malformed = await harness.call(RemoveCartItemDocument, { itemId: 'not-a-uuid' }, owner);
    expect(malformed.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects anonymous callers without a cart token with UNAUTHENTICATED (addToCart starts a guest cart instead)', async () => {
    for (const anonymous of [
      () => harness.call(MyCartDocument, {}),
      () => harness.call(UpdateCartItemDocument, { itemId: randomUUID(), quantity: 1 }),
      () => harness.call(RemoveCartItemDocument, { itemId: randomUUID() }),
      () => harness.call(ApplyCouponCodeDocument, { code: 'X' }),
      () => harness.call(RemoveCouponCodeDocument, {}),
      () => harness.call(SetShippingAddressDocument, { input: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' } }),
    ]) {
      const result = await anonymous();
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });
});
