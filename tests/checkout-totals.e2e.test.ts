import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddToCartDocument,
  ApplyCouponCodeDocument,
  CartQuoteDocument,
  CreateCategoryDocument,
  CreatePromotionFullDocument,
  CreateShippingRateDocument,
  CreateTaxRateDocument,
  SetShippingAddressDocument,
} from './__generated__/graphql';
import { chooseShipping, openCheckoutShop, orderWhen, placeOrder, stockedProduct } from './support/checkout-actors';
import type { ServicesShop } from '../scripts/services-shop';
import { newCustomer, whenCouponKnown, whenKnown, type Actor } from './support/shop-actors';

const addresses = {
  GB: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  'US-CA': { name: 'Grace Hopper', line1: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
  'US-NY': { name: 'Ada Byron', line1: '350 5th Ave', city: 'New York', region: 'NY', postalCode: '10118', country: 'US' },
} as const;
type Region = keyof typeof addresses;

/**
 * Cart.total is what the saga charges, to the cent, for every combination of coupon (none,
 * percentage, fixed amount), automatic promotion (on the line's category or not), tax region
 * (GB VAT 20 %, US-CA 7.25 %, US-NY 8.88 %, shipping taxed at the general rate) and shipping
 * method (the cheapest by default, or express chosen with setShippingMethod), through the
 * router on PostgreSQL and Kafka: one order per row, placed concurrently.
 */
describe('Cart.total equals the charged Order.total for every combination', () => {
  let shop: ServicesShop;
  let admin: Actor;
  let products: { onSale: string; regular: string; cup: string };
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const coupons = { none: null, percentage: `PCT-${tag}`, fixed: `FIX-${tag}` } as const;
  const express: Record<string, string> = {};

  beforeAll(async () => {
    let categoryId: string;
    ({ shop, admin, categoryId } = await openCheckoutShop());
    const as = { token: admin.token };
    const sale = (await shop.client(CreateCategoryDocument, { input: { slug: `sale-${tag.toLowerCase()}`, name: 'Sale' } }, as)).data!.createCategory.category!
      .id;
    /** The one mutation of the answer was accepted. */
    const ok = (result: { data?: object | null }) =>
      expect(Object.values(result.data ?? {}).map((payload: { errors?: unknown[] }) => payload.errors)).toEqual([[]]);
    ok(
      await shop.client(
        CreateShippingRateDocument,
        { input: { country: 'US', carrier: 'UPS', name: 'UPS Ground', price: { amount: 999, currency: 'EUR' }, estimatedDays: 5 } },
        as,
      ),
    );
    for (const [country, carrier, amount] of [
      ['GB', 'DHL', 1299],
      ['US', 'FedEx', 2499],
    ] as const) {
      const rate = await shop.client(
        CreateShippingRateDocument,
        { input: { country, carrier, name: `${carrier} Express`, price: { amount, currency: 'EUR' }, estimatedDays: 1 } },
        as,
      );
      ok(rate);
      express[country] = rate.data!.createShippingRate.shippingRate!.id;
    }
    ok(await shop.client(CreateTaxRateDocument, { input: { country: 'US', region: 'CA', rateBasisPoints: 725, name: 'CA sales tax' } }, as));
    ok(await shop.client(CreateTaxRateDocument, { input: { country: 'US', region: 'NY', rateBasisPoints: 888, name: 'NY sales tax' } }, as));
    // Promotions hears of the new category through category.changed.
    const onSale = await whenKnown(
      async () =>
        (await shop.client(CreatePromotionFullDocument, { input: { name: 'Sale 15', kind: 'PERCENTAGE', value: 1500, categoryIds: [sale] } }, as)).data
          ?.createPromotion,
    );
    expect(onSale.errors).toEqual([]);
    ok(await shop.client(CreatePromotionFullDocument, { input: { name: 'Ten percent', kind: 'PERCENTAGE', value: 1000, couponCode: coupons.percentage } }, as));
    ok(
      await shop.client(
        CreatePromotionFullDocument,
        { input: { name: 'Five off', kind: 'FIXED_AMOUNT', value: 500, currency: 'EUR', couponCode: coupons.fixed } },
        as,
      ),
    );
    products = {
      onSale: await stockedProduct(shop.client, admin, sale, 1999, 100),
      regular: await stockedProduct(shop.client, admin, categoryId, 1999, 100),
      cup: await stockedProduct(shop.client, admin, categoryId, 1250, 100),
    };
  });
  afterAll(() => shop?.stop());

  const rows = (Object.keys(coupons) as Array<keyof typeof coupons>).flatMap((coupon) =>
    [true, false].flatMap((automatic) =>
      (Object.keys(addresses) as Region[]).flatMap((region) => (['cheapest', 'express'] as const).map((shipping) => ({ coupon, automatic, region, shipping }))),
    ),
  );

  it(`quotes and charges ${rows.length} carts to the cent`, async () => {
    const results = await Promise.all(
      rows.map(async (row) => {
        const shopper = await newCustomer(shop.routerUrl);
        const as = { token: shopper.token };
        let cartId = '';
        for (const [productId, quantity] of [
          [row.automatic ? products.onSale : products.regular, 3],
          [products.cup, 1],
        ] as const) {
          const added = await whenKnown(async () => (await shop.client(AddToCartDocument, { productId, quantity }, as)).data?.addToCart);
          expect(added.errors).toEqual([]);
          cartId = added.cart.id;
        }
        expect((await shop.client(SetShippingAddressDocument, { input: addresses[row.region] }, as)).data?.setShippingAddress.errors).toEqual([]);
        if (row.shipping === 'express') await chooseShipping(shop.client, shopper, cartId, express[addresses[row.region].country]!);
        const code = coupons[row.coupon];
        if (code)
          expect((await whenCouponKnown(async () => (await shop.client(ApplyCouponCodeDocument, { code }, as)).data?.applyCouponCode)).errors).toEqual([]);
        const quote = (await shop.client(CartQuoteDocument, {}, as)).data!.cart;
        const order = await orderWhen(shop.client, shopper, await placeOrder(shop.client, shopper, cartId), ['CONFIRMED', 'CANCELLED']);
        return { row, quote, order };
      }),
    );
    for (const { row, quote, order } of results) {
      const parts = {
        subtotal: quote.subtotal!.amount,
        discount: quote.discount!.total.amount,
        shipping: quote.shippingCost!.amount,
        tax: quote.tax!.total.amount,
      };
      const label = JSON.stringify(row);
      expect({ label, total: quote.total }, label).toEqual({
        label,
        total: { amount: parts.subtotal - parts.discount + parts.shipping + parts.tax, currency: 'EUR' },
      });
      expect(
        {
          label,
          status: order.status,
          subtotal: order.subtotal.amount,
          discount: order.discount?.amount,
          shipping: order.shippingCost?.amount,
          tax: order.tax?.amount,
          total: order.total,
          charged: order.payment?.capturedAmount.amount,
        },
        label,
      ).toEqual({ label, status: 'CONFIRMED', ...parts, total: quote.total, charged: quote.total!.amount });
    }
    // Hand-checked rows: 3 x 19.99 + 12.50 = 72.47.
    const byRow = (coupon: string, automatic: boolean, region: Region, shipping = 'cheapest') =>
      results.find(({ row }) => row.coupon === coupon && row.automatic === automatic && row.region === region && row.shipping === shipping)!.quote;
    // GB, no promotion: 72.47 + 4.99 shipping; VAT 20 % of 77.46 = 15.492 -> 15.49; total 92.95.
    expect(byRow('none', false, 'GB')).toMatchObject({
      discount: { total: { amount: 0 } },
      shippingCost: { amount: 499 },
      tax: { total: { amount: 1549 } },
      total: { amount: 9295, currency: 'EUR' },
    });
    // US-CA, automatic 15 % (2.99 a unit: 8.97) then 10 % coupon on what is left (5.10 + 1.25): 15.32 off; UPS 9.99;
    // CA 7.25 % per line, each rounded half to even: 45.90 -> 3.33, 11.25 -> 0.82, shipping 9.99 -> 0.72 = 4.87; total 72.01.
    expect(byRow('percentage', true, 'US-CA')).toMatchObject({
      discount: { total: { amount: 1532 } },
      shippingCost: { amount: 999 },
      tax: { total: { amount: 487 } },
      total: { amount: 7201 },
    });
    // GB with DHL Express chosen: 72.47 + 12.99; VAT 11.99 + 2.50 + 2.60 = 17.09; total 102.55.
    expect(byRow('none', false, 'GB', 'express')).toMatchObject({
      shippingCost: { amount: 1299 },
      tax: { total: { amount: 1709 } },
      total: { amount: 10255, currency: 'EUR' },
    });
  });
});
