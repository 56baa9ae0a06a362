import type { Executor } from '@shop/db';
import { couponVerdict, type CouponRejection } from '@shop/discounts';
import type { KnownCouponStore } from '../stores/known-coupon.store';
import type { OrderStore } from '../stores/order.store';
import { cartCurrency, type CartView } from './cart-view';

/**
 * Judges a coupon code for a cart before `applyCouponCode` stores it, with the discount rules
 * promotions prices with (`couponVerdict` of @shop/discounts) on orders' copy of the coupons and
 * the uses its own orders hold, so a code that would take nothing off is refused with the reason.
 * The copy follows promotions' events: a coupon created a moment ago may still be unknown here.
 */
export class CouponCheckService {
  constructor(
    private readonly coupons: KnownCouponStore,
    private readonly orders: OrderStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Null when the code applies to the cart as it is; otherwise why not. */
  async rejection(userId: string, code: string, cart: CartView, tx: Executor): Promise<CouponRejection | null> {
    const promotion = (await this.coupons.findByCode(code, tx)) ?? undefined;
    const usage = promotion ? await this.orders.usesOfPromotion(promotion.id, userId, tx) : undefined;
    const currency = cartCurrency(cart);
    const lines = cart.lines
      .filter((line) => line.priceCurrency === currency)
      .map((line) => ({ productId: line.productId, categoryId: line.categoryId, amount: line.priceAmount * line.quantity }));
    const verdict = couponVerdict({ code, promotion, lines, currency, now: this.clock(), usage, hasCustomer: true });
    return 'reason' in verdict ? verdict : null;
  }
}
