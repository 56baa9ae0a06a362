import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CartShippingDocument, CreateShippingRateDocument, SetShippingAddressDocument, SetShippingMethodDocument } from './__generated__/graphql';
import { address, openCheckoutShop, orderWhen, placeOrder, shopperWithCart, stockedProduct } from './support/checkout-actors';
import type { ServicesShop } from '../scripts/services-shop';
import { type Actor } from './support/shop-actors';

const usAddress = { name: 'Grace Hopper', line1: '1 Market St', city: 'San Francisco', postalCode: '94105', country: 'US' };

/**
 * The shopper picks a shipping option, through the router on PostgreSQL and Kafka: the quote and
 * the order charge exactly it; an option that does not serve the cart is refused and changes
 * nothing; an address it does not serve clears it with a notice and the cheapest is charged.
 */
describe('choosing a shipping method', () => {
  let shop: ServicesShop;
  let admin: Actor;
  let categoryId: string;
  let express: string;
  let ups: string;

  beforeAll(async () => {
    ({ shop, admin, categoryId } = await openCheckoutShop());
    const rate = async (input: { country: string; carrier: string; name: string; price: { amount: number; currency: string }; estimatedDays: number }) => {
      const created = await shop.client(CreateShippingRateDocument, { input }, { token: admin.token });
      expect(created.data?.createShippingRate.errors).toEqual([]);
      return created.data!.createShippingRate.shippingRate!.id;
    };
    express = await rate({ country: 'GB', carrier: 'DHL', name: 'DHL Express', price: { amount: 1299, currency: 'EUR' }, estimatedDays: 1 });
    ups = await rate({ country: 'US', carrier: 'UPS', name: 'UPS Ground', price: { amount: 999, currency: 'EUR' }, estimatedDays: 5 });
  });
  afterAll(() => shop?.stop());

  it('the shopper picks express and is charged exactly it; bad choices are refused; a new address clears it with a notice', async () => {
    const mug = await stockedProduct(shop.client, admin, categoryId, 2000, 5);
    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[mug, 1]]);
    const as = { token: shopper.token };
    const cart = async () => (await shop.client(CartShippingDocument, {}, as)).data!.cart;
    const choose = async (optionId: string, forCart = cartId) =>
      (await shop.client(SetShippingMethodDocument, { cartId: forCart, optionId }, as)).data?.setShippingMethod;

    // Nothing chosen: the cheapest (DHL Parcel 4.99) is selected and quoted; 20.00 + 4.99 + VAT 20 % (5.00) = 29.99.
    const before = await cart();
    expect(before).toMatchObject({ shippingMethodId: null, shippingMethodNotice: null, shippingCost: { amount: 499 }, total: { amount: 2999 } });
    expect(before.shippingOptions.map(({ name, cost, selected }) => [name, cost.amount, selected])).toEqual([
      ['DHL Parcel', 499, true],
      ['DHL Express', 1299, false],
    ]);

    // Orders learns the options from shipping's events: wait until express is choosable, then choose it.
    const deadline = Date.now() + 30_000;
    let chosen = await choose(express);
    while (chosen?.errors[0]?.code === 'SHIPPING_METHOD_UNAVAILABLE' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      chosen = await choose(express);
    }
    expect(chosen).toEqual({ cart: { shippingMethodId: express }, errors: [] });
    // 20.00 + 12.99 + VAT 20 % of 32.99 (6.598 -> 6.60) = 39.59.
    expect(await cart()).toMatchObject({ shippingMethodId: express, shippingMethod: { id: express }, shippingCost: { amount: 1299 }, total: { amount: 3959 } });

    // Refused choices change nothing.
    const unavailable = {
      code: 'SHIPPING_METHOD_UNAVAILABLE',
      field: 'optionId',
      message: "This shipping option does not serve your address; choose one of the cart's shippingOptions",
    };
    expect(await choose(ups)).toEqual({ cart: { shippingMethodId: express }, errors: [unavailable] });
    expect(await choose(randomUUID())).toEqual({ cart: { shippingMethodId: express }, errors: [unavailable] });
    expect(await choose(express, randomUUID())).toEqual({
      cart: { shippingMethodId: express },
      errors: [{ code: 'NOT_FOUND', field: 'cartId', message: 'No such cart; use the id of your open cart' }],
    });
    const malformed = await shop.client(SetShippingMethodDocument, { cartId, optionId: 'express' }, as);
    expect(malformed.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect((await cart()).shippingMethodId).toBe(express);

    // An address express does not serve clears it, visibly; the cheapest US option is charged (no US tax here): 20.00 + 9.99.
    await shop.client(SetShippingAddressDocument, { input: usAddress }, as);
    expect(await cart()).toMatchObject({
      shippingMethodId: null,
      shippingMethodNotice: 'DHL Express does not ship to US; the cheapest option for your address is charged instead.',
      shippingMethod: { id: ups },
      shippingCost: { amount: 999 },
      total: { amount: 2999 },
    });

    // Back to GB, express again: the order is charged exactly the quote.
    await shop.client(SetShippingAddressDocument, { input: address }, as);
    expect(await choose(express)).toEqual({ cart: { shippingMethodId: express }, errors: [] });
    const quote = await cart();
    expect(quote).toMatchObject({ shippingMethodNotice: null, shippingCost: { amount: 1299 }, total: { amount: 3959 } });
    const order = await orderWhen(shop.client, shopper, await placeOrder(shop.client, shopper, cartId), ['CONFIRMED', 'CANCELLED']);
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      shippingCost: { amount: 1299 },
      carrier: 'DHL',
      total: { amount: 3959 },
      payment: { capturedAmount: { amount: 3959 } },
      shipment: { carrier: 'DHL' },
    });
  });
});
