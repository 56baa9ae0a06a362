import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatePromotionFullDocument, PromotionByIdDocument } from './__generated__/graphql';
import { openShop, orderWhen, placeOrder, shopperWithCart, stockedProduct } from './support/checkout-actors';
import { startServicesShop } from '../scripts/services-shop';
import { signInAdmin, type Actor } from './support/shop-actors';

/**
 * Limited coupons under concurrent checkouts, through the router on PostgreSQL and Kafka: the use
 * is reserved with the discount, so a single-use coupon prices exactly one order and every other
 * order is charged exactly its undiscounted total.
 */
describe('a single-use coupon under 20 concurrent checkouts', () => {
  let shop: Awaited<ReturnType<typeof startServicesShop>>;
  let admin: Actor;
  let categoryId: string;

  beforeAll(async () => {
    shop = await startServicesShop();
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    ({ categoryId } = await openShop(shop.client, admin));
  });
  afterAll(() => shop?.stop());

  it('exactly one order is discounted; the 19 others are charged the undiscounted price exactly', async () => {
    const coupon = await shop.client(CreatePromotionFullDocument, { input: { name: 'Half once', kind: 'PERCENTAGE', value: 5000, couponCode: 'HALFONCE', usageLimit: 1 } }, { token: admin.token });
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
    expect(new Set(full.map((order) => JSON.stringify([order.total?.amount, order.payment?.amount.amount, order.payment?.capturedAmount.amount])))).toEqual(new Set([JSON.stringify([2999, 2999, 2999])]));
    const promotion = await shop.client(PromotionByIdDocument, { id: coupon.data!.createPromotion.promotion!.id }, { token: admin.token });
    expect(promotion.data?.promotion?.timesUsed).toBe(1);
  });
});
