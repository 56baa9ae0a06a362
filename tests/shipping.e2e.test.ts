import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from './support/embedded-shop';
import { newCustomer, signInAdmin, whenKnown, type Actor } from './support/shop-actors';

type Errors = { errors: Array<{ code: string; message: string }> };
type CartQuote = {
  subtotal: { amount: number; currency: string } | null;
  shippingOptions: Array<{ carrier: string; name: string; cost: { amount: number; currency: string }; free: boolean; estimatedDays: number }>;
  shippingCost: { amount: number; currency: string } | null;
};

const ops = {
  category: 'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { category { id } errors { code message } } }',
  product: 'mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } errors { code message } } }',
  rate: 'mutation($input: ShippingRateInput!) { createShippingRate(input: $input) { shippingRate { id } errors { code message } } }',
  add: 'mutation($id: ID!, $q: Int!) { addToCart(productId: $id, quantity: $q) { cart { items { id } } errors { code message } } }',
  update: 'mutation($id: ID!, $q: Int!) { updateCartItem(itemId: $id, quantity: $q) { errors { code message } } }',
  address: 'mutation($input: CartAddressInput!) { setShippingAddress(input: $input) { errors { code message } } }',
  quote:
    '{ cart { subtotal { amount currency } shippingOptions { carrier name cost { amount currency } free estimatedDays } shippingCost { amount currency } } }',
};

/** The cart's shipping quote through the router: shipping @requires the address and subtotal from orders. */
describe('cart shipping quote through the router', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let admin: Actor;

  beforeAll(async () => {
    shop = await startShop();
    admin = await signInAdmin(shop.routerUrl, shop.admin);
  }, 120_000);
  afterAll(() => shop?.stop());

  const as = (actor: Actor) => ({ token: actor.token });
  const ok = <T extends Errors>(payload: T | undefined, what: string): T => {
    if (!payload || payload.errors.length > 0) throw new Error(`${what}: ${JSON.stringify(payload)}`);
    return payload;
  };

  it('has no cost until the cart has an address, then the cheapest rate, free over the threshold', async () => {
    const slug = `ship-${randomUUID().slice(0, 8)}`;
    const category = ok(
      (await shop.client<{ createCategory: Errors & { category: { id: string } } }, object>(ops.category, { input: { slug, name: 'Shipping' } }, as(admin)))
        .data?.createCategory,
      'category',
    );
    const product = ok(
      (
        await shop.client<{ createProduct: Errors & { product: { id: string } } }, object>(
          ops.product,
          { input: { sku: slug, slug, name: 'Kettle', price: { amount: 2000, currency: 'EUR' }, categoryId: category.category.id, published: true } },
          as(admin),
        )
      ).data?.createProduct,
      'product',
    );
    for (const input of [
      {
        country: 'SE',
        carrier: 'DHL',
        name: 'DHL Parcel',
        price: { amount: 499, currency: 'EUR' },
        freeOver: { amount: 5000, currency: 'EUR' },
        estimatedDays: 2,
      },
      { country: 'SE', carrier: 'PostNord', name: 'PostNord MyPack', price: { amount: 399, currency: 'EUR' }, estimatedDays: 4 },
    ]) {
      ok((await shop.client<{ createShippingRate: Errors }, object>(ops.rate, { input }, as(admin))).data?.createShippingRate, 'rate');
    }

    const shopper = await newCustomer(shop.routerUrl);
    const added = await whenKnown(
      async () =>
        (await shop.client<{ addToCart: Errors & { cart: { items: Array<{ id: string }> } } }, object>(ops.add, { id: product.product.id, q: 1 }, as(shopper)))
          .data?.addToCart,
    );
    const quote = async () => {
      const result = await shop.client<{ cart: CartQuote }, object>(ops.quote, {}, as(shopper));
      expect(result.errors).toBeUndefined();
      return result.data!.cart;
    };
    expect(await quote()).toEqual({ subtotal: { amount: 2000, currency: 'EUR' }, shippingOptions: [], shippingCost: null });

    ok(
      (
        await shop.client<{ setShippingAddress: Errors }, object>(
          ops.address,
          { input: { name: 'Greta', line1: 'Drottninggatan 1', city: 'Stockholm', postalCode: '111 51', country: 'se' } },
          as(shopper),
        )
      ).data?.setShippingAddress,
      'address',
    );
    expect(await quote()).toEqual({
      subtotal: { amount: 2000, currency: 'EUR' },
      shippingOptions: [
        { carrier: 'PostNord', name: 'PostNord MyPack', cost: { amount: 399, currency: 'EUR' }, free: false, estimatedDays: 4 },
        { carrier: 'DHL', name: 'DHL Parcel', cost: { amount: 499, currency: 'EUR' }, free: false, estimatedDays: 2 },
      ],
      shippingCost: { amount: 399, currency: 'EUR' },
    });

    ok(
      (await shop.client<{ updateCartItem: Errors }, object>(ops.update, { id: added.cart.items[0]!.id, q: 3 }, as(shopper))).data?.updateCartItem,
      'quantity',
    );
    expect(await quote()).toEqual({
      subtotal: { amount: 6000, currency: 'EUR' },
      shippingOptions: [
        { carrier: 'DHL', name: 'DHL Parcel', cost: { amount: 0, currency: 'EUR' }, free: true, estimatedDays: 2 },
        { carrier: 'PostNord', name: 'PostNord MyPack', cost: { amount: 399, currency: 'EUR' }, free: false, estimatedDays: 4 },
      ],
      shippingCost: { amount: 0, currency: 'EUR' },
    });
  });
});
