import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddToCartDocument,
  ApplyCouponCodeDocument,
  CartCouponDocument,
  CreateCategoryDocument,
  CreatePromotionFullDocument,
  PromotionByIdDocument,
  SetShippingAddressDocument,
  UpdateCartItemDocument,
} from './__generated__/graphql';
import { address, openCheckoutShop, orderWhen, placeOrder, shopperWithCart, stockedProduct } from './support/checkout-actors';
import type { ServicesShop } from '../scripts/services-shop';
import { newCustomer, whenCouponKnown, whenKnown, type Actor } from './support/shop-actors';

/**
 * Coupons through the router on PostgreSQL and Kafka. Limited coupons under concurrent checkouts:
 * the use is reserved with the discount, so a single-use coupon prices exactly one order, every
 * other order is charged exactly its undiscounted total and says why the coupon was dropped. And
 * every reason a coupon is refused, or stops applying after the cart changed, as the shopper sees it.
 */
describe('coupons at checkout: a single-use coupon under 20 concurrent checkouts, and every refusal', () => {
  let shop: ServicesShop;
  let admin: Actor;
  let categoryId: string;

  beforeAll(async () => {
    ({ shop, admin, categoryId } = await openCheckoutShop());
  });
  afterAll(() => shop?.stop());

  it('exactly one order is discounted; the 19 others are charged the undiscounted price exactly', async () => {
    const coupon = await shop.client(
      CreatePromotionFullDocument,
      { input: { name: 'Half once', kind: 'PERCENTAGE', value: 5000, couponCode: 'HALFONCE', usageLimit: 1 } },
      { token: admin.token },
    );
    expect(coupon.data?.createPromotion.errors).toEqual([]);
    const mug = await stockedProduct(shop.client, admin, categoryId, 2000, 40);
    const carts = await Promise.all(Array.from({ length: 20 }, () => shopperWithCart(shop.client, shop.routerUrl, [[mug, 1]], 'HALFONCE')));
    const orderIds = await Promise.all(carts.map(({ shopper, cartId }) => placeOrder(shop.client, shopper, cartId)));
    const orders = [];
    for (const [i, id] of orderIds.entries()) orders.push(await orderWhen(shop.client, carts[i]!.shopper, id, ['CONFIRMED', 'CANCELLED']));
    expect(orders.every((order) => order.status === 'CONFIRMED')).toBe(true);
    // 20.00 - 10.00 + DHL 4.99 + VAT 20 % of 14.99 (3.00) = 17.99; undiscounted: 20.00 + 4.99 + 5.00 = 29.99.
    const discounted = orders.filter((order) => order.discount?.amount === 1000);
    const full = orders.filter((order) => order.discount?.amount === 0);
    expect([discounted.length, full.length]).toEqual([1, 19]);
    expect(discounted.map((order) => [order.total?.amount, order.payment?.amount.amount, order.payment?.capturedAmount.amount])).toEqual([[1799, 1799, 1799]]);
    expect(new Set(full.map((order) => JSON.stringify([order.total?.amount, order.payment?.amount.amount, order.payment?.capturedAmount.amount])))).toEqual(
      new Set([JSON.stringify([2999, 2999, 2999])]),
    );
    const promotion = await shop.client(PromotionByIdDocument, { id: coupon.data!.createPromotion.promotion!.id }, { token: admin.token });
    expect(promotion.data?.promotion?.timesUsed).toBe(1);
    // The losers are told why, on the order and on its PRICED history entry; the winner has nothing to explain.
    const message = 'The coupon HALFONCE has reached its usage limit.';
    expect(discounted.map((order) => [order.couponCode, order.couponRejection])).toEqual([['HALFONCE', null]]);
    expect(new Set(full.map((order) => JSON.stringify(order.couponRejection)))).toEqual(
      new Set([JSON.stringify({ couponCode: 'HALFONCE', code: 'COUPON_USAGE_LIMIT_REACHED', message })]),
    );
    expect(new Set(full.map((order) => JSON.stringify(order.statusHistory.find((entry) => entry.status === 'PRICED'))))).toEqual(
      new Set([JSON.stringify({ position: 2, status: 'PRICED', reason: message })]),
    );
    expect(discounted[0]!.statusHistory.find((entry) => entry.status === 'PRICED')?.reason).toBeNull();
  });

  it('one customer placing 5 orders back to back with a perCustomerLimit 1 coupon gets it once; another customer still gets it', async () => {
    const coupon = await shop.client(
      CreatePromotionFullDocument,
      { input: { name: 'Half, once each', kind: 'PERCENTAGE', value: 5000, couponCode: 'HALFEACH', perCustomerLimit: 1 } },
      { token: admin.token },
    );
    expect(coupon.data?.createPromotion.errors).toEqual([]);
    const mug = await stockedProduct(shop.client, admin, categoryId, 2000, 20);
    const shopper = await newCustomer(shop.routerUrl);
    const as = { token: shopper.token };
    const orderIds: string[] = [];
    // Each order is placed before the last one's saga has settled, so several reach the discount step together.
    for (let i = 0; i < 5; i++) {
      const added = await whenKnown(async () => (await shop.client(AddToCartDocument, { productId: mug, quantity: 1 }, as)).data?.addToCart);
      await shop.client(SetShippingAddressDocument, { input: address }, as);
      const applied = await whenCouponKnown(async () => (await shop.client(ApplyCouponCodeDocument, { code: 'HALFEACH' }, as)).data?.applyCouponCode);
      // Once an earlier order holds the customer's one use, the cart may already refuse the code.
      expect([[], ['COUPON_USAGE_LIMIT_REACHED']]).toContainEqual(applied.errors.map((e) => e.code));
      orderIds.push(await placeOrder(shop.client, shopper, added.cart.id));
    }
    const orders = [];
    for (const id of orderIds) orders.push(await orderWhen(shop.client, shopper, id, ['CONFIRMED', 'CANCELLED']));
    expect(orders.map((order) => order.status)).toEqual(Array.from({ length: 5 }, () => 'CONFIRMED'));
    const charged = orders.map((order) => [order.discount?.amount, order.total?.amount, order.payment?.capturedAmount.amount]);
    expect(charged.filter(([discount]) => discount === 1000)).toEqual([[1000, 1799, 1799]]);
    expect(charged.filter(([discount]) => discount !== 1000)).toEqual(Array.from({ length: 4 }, () => [0, 2999, 2999]));

    const other = await shopperWithCart(shop.client, shop.routerUrl, [[mug, 1]], 'HALFEACH');
    const theirs = await orderWhen(shop.client, other.shopper, await placeOrder(shop.client, other.shopper, other.cartId), ['CONFIRMED', 'CANCELLED']);
    expect([theirs.status, theirs.discount?.amount, theirs.payment?.capturedAmount.amount]).toEqual(['CONFIRMED', 1000, 1799]);
    const promotion = await shop.client(PromotionByIdDocument, { id: coupon.data!.createPromotion.promotion!.id }, { token: admin.token });
    expect(promotion.data?.promotion?.timesUsed).toBe(2);
  });

  it('refuses each coupon that would take nothing off with its typed reason, and says why an applied one stopped applying', async () => {
    const as = { token: admin.token };
    const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
    const code = (name: string) => `${name}-${tag}`;
    const create = async (input: Record<string, unknown>) => {
      const created = await whenKnown(
        async () =>
          (
            await shop.client(
              CreatePromotionFullDocument,
              { input: { name: String(input.couponCode), kind: 'PERCENTAGE', value: 1000, ...input } as never },
              as,
            )
          ).data?.createPromotion,
      );
      expect(created.errors).toEqual([]);
    };
    await create({ couponCode: code('ONCE'), value: 5000, usageLimit: 1 });
    await create({ couponCode: code('PAST'), startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-02-01T00:00:00.000Z' });
    await create({ couponCode: code('LATER'), startsAt: '2099-01-01T00:00:00.000Z' });
    const elsewhere = (await shop.client(CreateCategoryDocument, { input: { slug: `elsewhere-${tag.toLowerCase()}`, name: 'Elsewhere' } }, as)).data!
      .createCategory.category!.id;
    await create({ couponCode: code('ELSEWHERE'), categoryIds: [elsewhere] });
    await create({ couponCode: code('MIN30'), categoryIds: [categoryId], minimumSubtotal: { amount: 3000, currency: 'EUR' } });
    const mug = await stockedProduct(shop.client, admin, categoryId, 2000, 10);
    const first = await shopperWithCart(shop.client, shop.routerUrl, [[mug, 1]], code('ONCE'));
    expect(await orderWhen(shop.client, first.shopper, await placeOrder(shop.client, first.shopper, first.cartId), ['CONFIRMED'])).toMatchObject({
      discount: { amount: 1000 },
    });

    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[mug, 1]]);
    const mine = { token: shopper.token };
    const apply = (name: string) =>
      whenCouponKnown(async () => (await shop.client(ApplyCouponCodeDocument, { code: code(name).toLowerCase() }, mine)).data?.applyCouponCode);
    const cart = async () => (await shop.client(CartCouponDocument, {}, mine)).data!.cart;
    const refused = (errorCode: string, name: string, message: string, missingAmount: { amount: number; currency: string } | null = null) => ({
      cart: { couponCode: null },
      errors: [{ code: errorCode, field: 'code', message: message.replace('%', code(name)), missingAmount }],
    });
    expect((await shop.client(ApplyCouponCodeDocument, { code: code('NOPE') }, mine)).data?.applyCouponCode).toEqual(
      refused('COUPON_NOT_FOUND', 'NOPE', 'There is no coupon %.'),
    );
    expect(await apply('PAST')).toEqual(refused('COUPON_EXPIRED', 'PAST', 'The coupon % has expired.'));
    expect(await apply('LATER')).toEqual(refused('COUPON_NOT_STARTED', 'LATER', 'The coupon % is not valid yet.'));
    expect(await apply('ONCE')).toEqual(refused('COUPON_USAGE_LIMIT_REACHED', 'ONCE', 'The coupon % has reached its usage limit.'));
    expect(await apply('ELSEWHERE')).toEqual(refused('COUPON_NOT_APPLICABLE', 'ELSEWHERE', 'The coupon % does not apply to anything in your cart.'));
    expect(await apply('MIN30')).toEqual(
      refused('COUPON_MINIMUM_NOT_MET', 'MIN30', 'Add €10.00 more in eligible items to use the coupon %.', { amount: 1000, currency: 'EUR' }),
    );
    expect((await cart()).couponCode).toBeNull(); // every refusal left the cart as it was

    const itemId = (await cart()).items[0]!.id;
    await shop.client(UpdateCartItemDocument, { itemId, quantity: 2 }, mine);
    expect(await apply('MIN30')).toEqual({ cart: { couponCode: code('MIN30') }, errors: [] });
    expect(await cart()).toEqual({
      couponCode: code('MIN30'),
      items: [{ id: itemId }],
      discount: { total: { amount: 400, currency: 'EUR' } },
      appliedPromotions: [{ name: code('MIN30'), couponCode: code('MIN30'), amount: { amount: 400, currency: 'EUR' } }],
      couponRejection: null,
    });
    // Back to one mug: the coupon stays entered and the cart says why it takes nothing off now.
    await shop.client(UpdateCartItemDocument, { itemId, quantity: 1 }, mine);
    const minimum = {
      couponCode: code('MIN30'),
      code: 'COUPON_MINIMUM_NOT_MET',
      message: `Add €10.00 more in eligible items to use the coupon ${code('MIN30')}.`,
    };
    expect(await cart()).toEqual({
      couponCode: code('MIN30'),
      items: [{ id: itemId }],
      discount: { total: { amount: 0, currency: 'EUR' } },
      appliedPromotions: [],
      couponRejection: { ...minimum, missingAmount: { amount: 1000, currency: 'EUR' } },
    });
    // Ordered like that, the order is priced without it and says so, exactly as the cart did.
    const order = await orderWhen(shop.client, shopper, await placeOrder(shop.client, shopper, cartId), ['CONFIRMED']);
    expect(order).toMatchObject({ discount: { amount: 0 }, total: { amount: 2000 + 499 + 500 }, couponCode: code('MIN30'), couponRejection: minimum });
    expect(order.statusHistory.find((entry) => entry.status === 'PRICED')?.reason).toBe(minimum.message);
  });
});
