import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { admin, catalog, customer, promotionsFeed, rootField } from './helpers';
import {
  AddToCartDocument,
  ApplyCouponCodeDocument,
  CartReferencesDocument,
  MyCartDocument,
  RemoveCouponCodeDocument,
  SetShippingAddressDocument,
} from './__generated__/graphql';

const address = { name: ' Ada Lovelace ', line1: '12 St James Sq', line2: '', city: 'London', region: null, postalCode: 'SW1Y 4JH', country: 'gb' };

describe.each(sqlBackends)('cart address, coupon and references on %s', (backend) => {
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

  it('sets a normalized shipping address and replaces it', async () => {
    const shopper = customer();
    const set = await mutate(SetShippingAddressDocument, { input: address }, shopper);
    expect(set.errors).toEqual([]);
    expect(set.cart.shippingAddress).toEqual({ ...address, name: 'Ada Lovelace', line2: null, country: 'GB' });
    const replaced = await mutate(SetShippingAddressDocument, { input: { ...address, city: 'Bath', region: 'Somerset' } }, shopper);
    expect(replaced.cart.shippingAddress).toMatchObject({ city: 'Bath', region: 'Somerset' });
  });

  it('answers INVALID_ADDRESS per field and keeps the previous address', async () => {
    const shopper = customer();
    await mutate(SetShippingAddressDocument, { input: address }, shopper);
    const bad = await mutate(SetShippingAddressDocument, { input: { ...address, name: ' ', postalCode: 'x'.repeat(21), country: 'Germany' } }, shopper);
    expect(bad.errors.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'INVALID_ADDRESS', field: 'name' },
      { code: 'INVALID_ADDRESS', field: 'postalCode' },
      { code: 'INVALID_ADDRESS', field: 'country' },
    ]);
    expect(bad.errors[2]!.message).toBe('country: must be an ISO 3166-1 alpha-2 code such as DE');
    expect(bad.cart.shippingAddress).toMatchObject({ name: 'Ada Lovelace', country: 'GB' });
  });

  it('applies, replaces and removes a coupon code', async () => {
    const shopper = customer();
    const feed = promotionsFeed(harness);
    const [welcome, spring] = [`W${backend}10`.toUpperCase(), `SPRING-${backend}`.toUpperCase()];
    await feed.coupon(welcome);
    await feed.coupon(spring);
    await mutate(AddToCartDocument, { productId: await catalog(harness).create() }, shopper);
    expect(await mutate(ApplyCouponCodeDocument, { code: ` ${welcome.toLowerCase()} ` }, shopper)).toMatchObject({ errors: [], cart: { couponCode: welcome } });
    expect(await mutate(ApplyCouponCodeDocument, { code: spring }, shopper)).toMatchObject({ errors: [], cart: { couponCode: spring } });
    const bad = await mutate(ApplyCouponCodeDocument, { code: 'no spaces!' }, shopper);
    expect(bad).toEqual({
      cart: expect.objectContaining({ couponCode: spring }),
      errors: [{ code: 'INVALID_COUPON_CODE', field: 'code', message: "A coupon code is 1 to 40 letters, digits, '-' or '_'", missingAmount: null }],
    });
    expect(await mutate(RemoveCouponCodeDocument, {}, shopper)).toMatchObject({ errors: [], cart: { couponCode: null } });
  });

  it('refuses a coupon that would take nothing off with its reason, and keeps the previous code', async () => {
    const feed = promotionsFeed(harness);
    const tag = `${backend}-${Date.now()}`.toUpperCase();
    const code = (name: string) => `${name}-${tag}`;
    await feed.coupon(code('OK'));
    await feed.coupon(code('OLD'), { endsAt: '2026-02-01T00:00:00.000Z' });
    await feed.coupon(code('OFF'), { active: false });
    await feed.coupon(code('SOON'), { startsAt: '2099-01-01T00:00:00.000Z' });
    await feed.coupon(code('BIG'), { minimumSubtotal: { amount: 5000, currency: 'EUR' } });
    await feed.coupon(code('LAMPS'), { categoryIds: ['lamps'] });
    await feed.coupon(code('DOLLARS'), { kind: 'FIXED_AMOUNT', value: 500, currency: 'USD' });
    const shopper = customer();
    expect((await mutate(ApplyCouponCodeDocument, { code: code('OK') }, shopper)).errors.map((error) => error.code)).toEqual(['COUPON_NOT_APPLICABLE']); // an empty cart
    await mutate(AddToCartDocument, { productId: await catalog(harness).create({ categoryId: 'kitchen', price: { amount: 2599, currency: 'EUR' } }) }, shopper);
    expect((await mutate(ApplyCouponCodeDocument, { code: code('OK') }, shopper)).errors).toEqual([]);
    const refusals = [];
    for (const name of ['NOPE', 'OLD', 'OFF', 'SOON', 'BIG', 'LAMPS', 'DOLLARS']) {
      const refused = await mutate(ApplyCouponCodeDocument, { code: code(name).toLowerCase() }, shopper);
      expect(refused.cart.couponCode).toBe(code('OK'));
      refusals.push(...refused.errors);
    }
    const c = code;
    expect(refusals).toEqual([
      { code: 'COUPON_NOT_FOUND', field: 'code', message: `There is no coupon ${c('NOPE')}.`, missingAmount: null },
      { code: 'COUPON_EXPIRED', field: 'code', message: `The coupon ${c('OLD')} has expired.`, missingAmount: null },
      { code: 'COUPON_EXPIRED', field: 'code', message: `The coupon ${c('OFF')} has expired.`, missingAmount: null },
      { code: 'COUPON_NOT_STARTED', field: 'code', message: `The coupon ${c('SOON')} is not valid yet.`, missingAmount: null },
      {
        code: 'COUPON_MINIMUM_NOT_MET',
        field: 'code',
        message: `Add €24.01 more in eligible items to use the coupon ${c('BIG')}.`,
        missingAmount: { amount: 2401, currency: 'EUR' },
      },
      { code: 'COUPON_NOT_APPLICABLE', field: 'code', message: `The coupon ${c('LAMPS')} does not apply to anything in your cart.`, missingAmount: null },
      { code: 'COUPON_NOT_APPLICABLE', field: 'code', message: `The coupon ${c('DOLLARS')} does not apply to anything in your cart.`, missingAmount: null },
    ]);
  });

  it('resolves a batch of Cart references for their owner and admins only', async () => {
    const [first, second] = [customer(), customer()];
    const productId = await catalog(harness).create({ price: { amount: 1250, currency: 'EUR' } });
    const cartA = (await mutate(AddToCartDocument, { productId, quantity: 2 }, first)).cart;
    const cartB = (await harness.call(MyCartDocument, {}, second)).data!.cart;
    const representations = [cartA, cartB].map(({ id }) => ({ __typename: 'Cart', id }));
    const expected = [
      { id: cartA.id, owner: { id: first.userId }, itemCount: 2, subtotal: { amount: 2500, currency: 'EUR' } },
      { id: cartB.id, owner: { id: second.userId }, itemCount: 0, subtotal: null },
    ];
    expect((await harness.call(CartReferencesDocument, { representations }, admin())).data).toEqual({ _entities: expected });
    expect((await harness.call(CartReferencesDocument, { representations }, first)).data).toEqual({ _entities: [expected[0], null] });
    expect((await harness.call(CartReferencesDocument, { representations })).data).toEqual({ _entities: [null, null] });
  });
});
