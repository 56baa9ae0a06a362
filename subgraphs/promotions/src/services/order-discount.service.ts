import type { Executor } from '@shop/db';
import type { PromotionRecord, PromotionStore } from '../stores/promotion.store';
import type { CartDiscountResult, CartDiscountService, CartToDiscount } from './cart-discount.service';
import type { UsageService } from './usage.service';

/** An order as `order.placed` carries it. */
export interface OrderToDiscount extends CartToDiscount {
  orderId: string;
  customerId: string;
}

const limited = (promotion: PromotionRecord): boolean => promotion.usageLimit !== null || promotion.perCustomerLimit !== null;

/**
 * The checkout saga's discount step. The discount is computed by the `Cart.discount` method and,
 * in the SAME transaction, one use of every promotion that priced the order is reserved for it,
 * so an "at most N" promotion prices at most N orders however many check out at once.
 *
 * Why the rows are locked before the discount that is sent is computed: reading `timesUsed` and
 * reserving later (as at confirmation) lets every concurrent order see the last free use. Here
 * each limited promotion that would apply is locked first (`FOR UPDATE`, in id order), then the
 * discount is computed again by a fresh statement that sees every use committed by the previous
 * lock holders; the engine leaves out a promotion whose limit is reached (a coupon comes back in
 * `rejectedCoupon` with USAGE_LIMIT_REACHED). Leaving one out can let another automatic promotion
 * take its line, so this repeats until every limited promotion that applies is locked.
 */
export class OrderDiscountService {
  constructor(
    private readonly discounts: CartDiscountService,
    private readonly promotions: PromotionStore,
    private readonly usage: UsageService,
  ) {}

  /** In the caller's (inbox) transaction; throws for an order the engine refuses. */
  async discountAndReserve(tx: Executor, order: OrderToDiscount, now: Date): Promise<CartDiscountResult> {
    const locked = new Set<string>();
    for (;;) {
      const [result] = await this.discounts.discountMany([order], order.customerId, now, tx);
      if (result instanceof Error) throw result;
      const toLock = result!.promotions.map(({ promotion }) => promotion).filter((promotion) => limited(promotion) && !locked.has(promotion.id));
      if (toLock.length === 0) {
        await this.reserve(tx, order, result!);
        return result!;
      }
      await this.promotions.lockMany(
        toLock.map((promotion) => promotion.id),
        tx,
      );
      for (const promotion of toLock) locked.add(promotion.id);
    }
  }

  private async reserve(tx: Executor, order: OrderToDiscount, result: CartDiscountResult): Promise<void> {
    for (const promotionId of result.promotions.map(({ promotion }) => promotion.id).sort()) {
      const { outcome } = await this.usage.recordWithin(tx, promotionId, order.customerId, order.orderId);
      // Cannot happen while the rows are locked; if it did, rolling back (and redelivering) beats sending a discount nobody holds.
      if (outcome !== 'RECORDED' && outcome !== 'ALREADY_RECORDED') throw new Error(`promotion ${promotionId} could not be reserved for order ${order.orderId}: ${outcome}`);
    }
  }
}
