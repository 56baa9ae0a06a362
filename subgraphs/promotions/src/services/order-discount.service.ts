import type { Executor } from '@shop/db';
import type { AnnounceOrderDiscounted } from '../events/promotion-events';
import type { PromotionRecord, PromotionStore } from '../stores/promotion.store';
import type { CartDiscountResult, CartDiscountService, CartToDiscount } from './cart-discount.service';
import type { UsageOutcome, UsageService } from './usage.service';

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
    private readonly announce: AnnounceOrderDiscounted,
  ) {}

  /**
   * `order.placed`: the order's discount as at the moment it was placed, for the ordering customer,
   * with one use of each of its promotions reserved, answered as `order.discounted`, all in the
   * caller's (inbox) transaction. A promotion whose limit another order took meanwhile does not
   * apply (a coupon is named in `rejectedCoupon`), so the total orders charges is the one it tells
   * the shopper.
   */
  async discountOrder(tx: Executor, order: OrderToDiscount, placedAt: Date): Promise<void> {
    const result = await this.discountAndReserve(tx, order, placedAt);
    await this.announce(tx, order.orderId, result);
  }

  /** `order.cancelled`: the order's uses go back, so its coupon can price another order. */
  async releaseOrder(tx: Executor, orderId: string): Promise<void> {
    await this.usage.releaseWithin(tx, orderId);
  }

  /**
   * `order.confirmed`: nothing left to do for orders whose uses were reserved at `order.placed`
   * (ALREADY_RECORDED); counts the uses of an order placed before reservations existed. Returns the
   * uses that could not be recorded: the order was already priced with them, so a limit reached
   * since is the shop's cost, not the shopper's (the caller logs them).
   */
  async recordConfirmedOrder(
    tx: Executor,
    order: { orderId: string; customerId: string; promotionIds: string[] },
  ): Promise<Array<{ promotionId: string; outcome: UsageOutcome }>> {
    const unrecorded: Array<{ promotionId: string; outcome: UsageOutcome }> = [];
    for (const promotionId of [...new Set(order.promotionIds.map((id) => id.toLowerCase()))].sort()) {
      const { outcome } = await this.usage.recordWithin(tx, promotionId, order.customerId, order.orderId);
      if (outcome !== 'RECORDED' && outcome !== 'ALREADY_RECORDED') unrecorded.push({ promotionId, outcome });
    }
    return unrecorded;
  }

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
      if (outcome !== 'RECORDED' && outcome !== 'ALREADY_RECORDED')
        throw new Error(`promotion ${promotionId} could not be reserved for order ${order.orderId}: ${outcome}`);
    }
  }
}
