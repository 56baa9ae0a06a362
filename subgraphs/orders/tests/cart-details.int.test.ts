import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphHarness, type Caller, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { admin, catalog, customer, ops, type CartData, type PayloadData } from './helpers';

const address = { name: ' Ada Lovelace ', line1: '12 St James Sq', line2: '', city: 'London', region: null, postalCode: 'SW1Y 4JH', country: 'gb' };

describe.each(['pglite', 'postgres'] as const)('cart address, coupon and references on %s', (backend) => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend });
  });
  afterAll(() => harness.stop());

  async function mutate(op: string, variables: Record<string, unknown>, caller: Caller): Promise<PayloadData> {
    const result = await harness.call<Record<string, PayloadData>>(op, variables, caller);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }

  it('sets a normalized shipping address and replaces it', async () => {
    const shopper = customer();
    const set = await mutate(ops.address, { input: address }, shopper);
    expect(set.errors).toEqual([]);
    expect(set.cart.shippingAddress).toEqual({ ...address, name: 'Ada Lovelace', line2: null, country: 'GB' });
    const replaced = await mutate(ops.address, { input: { ...address, city: 'Bath', region: 'Somerset' } }, shopper);
    expect(replaced.cart.shippingAddress).toMatchObject({ city: 'Bath', region: 'Somerset' });
  });

  it('answers INVALID_ADDRESS per field and keeps the previous address', async () => {
    const shopper = customer();
    await mutate(ops.address, { input: address }, shopper);
    const bad = await mutate(ops.address, { input: { ...address, name: ' ', postalCode: 'x'.repeat(21), country: 'Germany' } }, shopper);
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
    expect(await mutate(ops.coupon, { c: ' welcome10 ' }, shopper)).toMatchObject({ errors: [], cart: { couponCode: 'WELCOME10' } });
    expect(await mutate(ops.coupon, { c: 'SPRING-25' }, shopper)).toMatchObject({ errors: [], cart: { couponCode: 'SPRING-25' } });
    const bad = await mutate(ops.coupon, { c: 'no spaces!' }, shopper);
    expect(bad).toEqual({
      cart: expect.objectContaining({ couponCode: 'SPRING-25' }),
      errors: [{ code: 'INVALID_COUPON_CODE', field: 'code', message: "A coupon code is 1 to 40 letters, digits, '-' or '_'" }],
    });
    expect(await mutate(ops.noCoupon, {}, shopper)).toMatchObject({ errors: [], cart: { couponCode: null } });
  });

  it('resolves a batch of Cart references for their owner and admins only', async () => {
    const [first, second] = [customer(), customer()];
    const productId = await catalog(harness).create({ price: { amount: 1250, currency: 'EUR' } });
    const cartA = (await mutate(ops.add, { p: productId, q: 2 }, first)).cart;
    const cartB = (await harness.call<{ cart: CartData }>(ops.cart, {}, second)).data!.cart;
    const reps = [cartA, cartB].map(({ id }) => ({ __typename: 'Cart', id }));
    const expected = [
      { id: cartA.id, owner: { id: first.userId }, itemCount: 2, subtotal: { amount: 2500, currency: 'EUR' } },
      { id: cartB.id, owner: { id: second.userId }, itemCount: 0, subtotal: null },
    ];
    expect((await harness.call(ops.entities, { reps }, admin())).data).toEqual({ _entities: expected });
    expect((await harness.call(ops.entities, { reps }, first)).data).toEqual({ _entities: [expected[0], null] });
    expect((await harness.call(ops.entities, { reps })).data).toEqual({ _entities: [null, null] });
  });
});
