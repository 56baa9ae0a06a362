import type { Executor, Transact } from '@shop/db';
import { isUuid } from '@shop/subgraph-kit';
import type { AnnounceUsage } from '../events/promotion-events';
import type { PromotionStore } from '../stores/promotion.store';
import type { UsageStore } from '../stores/usage.store';

export type UsageOutcome = 'RECORDED' | 'ALREADY_RECORDED' | 'USAGE_LIMIT_REACHED' | 'CUSTOMER_LIMIT_REACHED' | 'NOT_FOUND';

export interface UsageResult {
  outcome: UsageOutcome;
  /** The promotion's uses after the call (0 for NOT_FOUND). */
  timesUsed: number;
}

/**
 * Redeems promotions for orders (the order saga's discount step reserves, cancellation releases).
 * Each call locks the promotion's row, so concurrent redemptions of one promotion run one after
 * another and its limits hold exactly. Only the limits are checked here: whether a promotion
 * applied (window, conditions) is the discount engine's business.
 */
export class UsageService {
  constructor(
    private readonly promotions: PromotionStore,
    private readonly usages: UsageStore,
    private readonly announce: AnnounceUsage,
    private readonly transact: Transact,
  ) {}

  /** Idempotent per (promotion, order): a repeated call answers ALREADY_RECORDED and counts nothing. */
  async recordUsage(promotionId: string, customerId: string, orderId: string): Promise<UsageResult> {
    return this.transact((tx) => this.recordWithin(tx, promotionId, customerId, orderId));
  }

  /**
   * `recordUsage` inside the caller's transaction (the saga's inbox transaction, so the usage and
   * the consumed event commit together). Callers recording several promotions in one transaction
   * go in promotion id order, so two transactions never wait on each other's locks.
   */
  async recordWithin(tx: Executor, promotionId: string, customerId: string, orderId: string): Promise<UsageResult> {
    if (!isUuid(promotionId)) return { outcome: 'NOT_FOUND', timesUsed: 0 };
    if (!customerId || !orderId) throw new RangeError('recordUsage: customerId and orderId are required');
    const promotion = await this.promotions.lock(promotionId.toLowerCase(), tx);
    if (!promotion) return { outcome: 'NOT_FOUND', timesUsed: 0 };
    const refuse = (outcome: UsageOutcome): UsageResult => ({ outcome, timesUsed: promotion.timesUsed });
    if (await this.usages.exists(promotion.id, orderId, tx)) return refuse('ALREADY_RECORDED');
    if (promotion.usageLimit !== null && promotion.timesUsed >= promotion.usageLimit) return refuse('USAGE_LIMIT_REACHED');
    if (promotion.perCustomerLimit !== null) {
      const used = (await this.usages.countsForCustomer(customerId, [promotion.id], tx)).get(promotion.id) ?? 0;
      if (used >= promotion.perCustomerLimit) return refuse('CUSTOMER_LIMIT_REACHED');
    }
    await this.usages.insert({ promotionId: promotion.id, orderId, customerId }, tx);
    const timesUsed = await this.promotions.incrementTimesUsed(promotion.id, tx);
    await this.announce(tx, { promotionId: promotion.id, orderId, customerId, timesUsed });
    return { outcome: 'RECORDED', timesUsed };
  }

  /**
   * Gives back every use the order held (its cancellation), in the caller's transaction: the
   * coupon can price another order. Idempotent: a second call finds nothing to release.
   */
  async releaseWithin(tx: Executor, orderId: string): Promise<string[]> {
    const released = await this.usages.deleteForOrder(orderId, tx);
    for (const promotionId of released) await this.promotions.decrementTimesUsed(promotionId, tx);
    return released;
  }
}
