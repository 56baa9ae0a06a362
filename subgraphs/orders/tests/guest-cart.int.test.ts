import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartTokenKey } from '@shop/subgraph-kit';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { ordersModule } from '../src';
import { catalog, customer } from './helpers';
import {
  CartItemQuantitiesDocument,
  GuestAddToCartDocument,
  MergeGuestCartDocument,
  MyCartDocument,
  PlaceGuestOrderDocument,
  SetShippingAddressDocument,
} from './__generated__/graphql';

const address = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

describe.each(sqlBackends)('guest carts on %s', (backend) => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend });
  });
  afterAll(() => harness.stop());

  const add = async (productId: string, quantity: number, caller: Caller = {}) =>
    (await harness.call(GuestAddToCartDocument, { productId, quantity }, caller)).data!.addToCart;
  /** A new guest with `quantity` units of `productId`, and how to call as it. */
  const newGuest = async (productId: string, quantity: number) => {
    const added = await add(productId, quantity);
    return { added, as: { guestKey: cartTokenKey(added.cartToken!) } satisfies Caller };
  };

  it('starts a guest cart on an anonymous addToCart, answers its token once, and finds it by the token after', async () => {
    const productId = await catalog(harness).create();
    const { added, as } = await newGuest(productId, 2);
    expect(added).toEqual({ cartToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), cart: { id: expect.any(String), owner: null, itemCount: 2 }, errors: [] });
    expect(await add(productId, 1, as)).toEqual({ cartToken: null, cart: { id: added.cart.id, owner: null, itemCount: 3 }, errors: [] });
    // A refused first line still answers a token, for an empty cart of its own.
    const refused = await add(randomUUID(), 1);
    expect(refused).toMatchObject({ cartToken: expect.any(String), cart: { owner: null, itemCount: 0 }, errors: [{ code: 'UNKNOWN_PRODUCT' }] });
    expect(refused.cart.id).not.toBe(added.cart.id);
    // A token this shop never issued is refused, never a new cart.
    const unknown = await harness.call(MyCartDocument, {}, { guestKey: cartTokenKey('x'.repeat(43)) });
    expect(unknown.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('places a guest order only with a contact e-mail and only from its own cart', async () => {
    const productId = await catalog(harness).create();
    const { added, as } = await newGuest(productId, 1);
    await harness.call(SetShippingAddressDocument, { input: address }, as);
    const attempt = async (caller: Caller, email: string | null) =>
      (await harness.call(PlaceGuestOrderDocument, { cartId: added.cart.id, idempotencyKey: randomUUID(), contactEmail: email }, caller)).data!.placeOrder;
    expect(await attempt(as, null)).toEqual({ order: null, errors: [{ code: 'CONTACT_EMAIL_REQUIRED', field: 'contactEmail' }] });
    expect(await attempt(as, 'a'.repeat(250) + '@x.io')).toEqual({ order: null, errors: [{ code: 'INVALID_CONTACT_EMAIL', field: 'contactEmail' }] });
    const other = await newGuest(productId, 1);
    expect(await attempt(other.as, 'thief@example.com')).toEqual({ order: null, errors: [{ code: 'CART_NOT_FOUND', field: 'cartId' }] });
    expect(await attempt(customer(), null)).toEqual({ order: null, errors: [{ code: 'CART_NOT_FOUND', field: 'cartId' }] });
    expect(await attempt(as, 'Ada@Example.com')).toEqual({ order: { id: expect.any(String), customer: null, contactEmail: 'ada@example.com' }, errors: [] });
  });

  it('merges a guest cart exactly once, also when asked five times at once', async () => {
    const [a, b] = [await catalog(harness).create(), await catalog(harness).create()];
    const { as } = await newGuest(a, 3);
    await add(b, 1, as);
    const user = customer();
    await add(a, 2, user);
    const results = await Promise.all(Array.from({ length: 5 }, () => harness.call(MergeGuestCartDocument, {}, { ...user, ...as })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const cart = (await harness.call(CartItemQuantitiesDocument, {}, user)).data!.cart;
    expect(cart).toEqual({
      itemCount: 6,
      items: [
        { product: { id: a }, quantity: 5 },
        { product: { id: b }, quantity: 1 },
      ],
    });
    // The guest's token now opens a new, empty guest cart.
    expect((await harness.call(MyCartDocument, {}, as)).data!.cart.itemCount).toBe(0);
  });

  it('leaves out, and says so, what the account cart cannot take: a 51st line, units over 99, another currency', async () => {
    const user = customer();
    const own = await Promise.all(Array.from({ length: 49 }, () => catalog(harness).create()));
    for (const productId of own) await add(productId, 1, user);
    const [shared, extraOne, extraTwo, dollars] = [
      await catalog(harness).create(),
      await catalog(harness).create(),
      await catalog(harness).create(),
      await catalog(harness).create({ price: { amount: 500, currency: 'USD' } }),
    ];
    await add(shared, 90, user);
    const { as } = await newGuest(shared, 20);
    await add(extraOne, 1, as);
    await add(extraTwo, 1, as);
    const usd = await newGuest(dollars, 1);
    const merged = (await harness.call(MergeGuestCartDocument, {}, { ...user, ...as })).data!.mergeGuestCart;
    // 49 + 1 lines already: `shared` fills up to 99 (11 stay out), both extras are a 51st line.
    expect(merged.errors.map((error) => error.code)).toEqual(['INVALID_QUANTITY', 'TOO_MANY_ITEMS', 'TOO_MANY_ITEMS']);
    expect(merged.cart.itemCount).toBe(49 + 99);
    const second = (await harness.call(MergeGuestCartDocument, {}, { ...user, ...usd.as })).data!.mergeGuestCart;
    expect(second).toEqual({
      cart: expect.objectContaining({ itemCount: 49 + 99, currency: 'EUR' }),
      errors: [{ code: 'CURRENCY_MISMATCH', field: 'variantId' }],
    });
  });

  it('refuses mergeGuestCart without a session or without a cart token', async () => {
    const productId = await catalog(harness).create();
    const { as } = await newGuest(productId, 1);
    expect((await harness.call(MergeGuestCartDocument, {}, as)).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await harness.call(MergeGuestCartDocument, {}, customer())).errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
