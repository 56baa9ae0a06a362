import type { Executor } from '@shop/db';
import {
  appendToOutbox,
  orderDiscounted,
  promotionCreated,
  promotionDeactivated,
  promotionUpdated,
  promotionUsageRecorded,
  type PromotionSnapshot,
} from '@shop/events';
import { outbox } from '../db/schema';
import type { CartDiscountResult } from '../services/cart-discount.service';
import type { PromotionRecord } from '../stores/promotion.store';

export type PromotionChange = 'created' | 'updated' | 'deactivated';
const contracts = { created: promotionCreated, updated: promotionUpdated, deactivated: promotionDeactivated } as const;

export function snapshotOf(promotion: PromotionRecord): PromotionSnapshot {
  return {
    promotionId: promotion.id,
    name: promotion.name,
    kind: promotion.kind,
    value: promotion.value,
    currency: promotion.currency,
    automatic: promotion.couponCode === null,
    couponCode: promotion.couponCode,
    startsAt: promotion.startsAt.toISOString(),
    endsAt: promotion.endsAt?.toISOString() ?? null,
    productIds: promotion.productIds,
    categoryIds: promotion.categoryIds,
    variantIds: promotion.variantIds,
    minimumSubtotal: promotion.minimumSubtotal,
    usageLimit: promotion.usageLimit,
    perCustomerLimit: promotion.perCustomerLimit,
    active: promotion.active,
  };
}

/** Records `promotion.<change>` in the caller's transaction (keyed by promotion id). */
export async function announcePromotionChange(tx: Executor, promotion: PromotionRecord, change: PromotionChange): Promise<void> {
  await appendToOutbox(tx, outbox, contracts[change], promotion.id, snapshotOf(promotion));
}

/** Records `promotion.usage-recorded` in the caller's transaction. */
export async function announceUsage(tx: Executor, usage: { promotionId: string; orderId: string; customerId: string; timesUsed: number }): Promise<void> {
  await appendToOutbox(tx, outbox, promotionUsageRecorded, usage.promotionId, usage);
}

/** Records `order.discounted` (keyed by order id) in the caller's transaction: promotions' answer to the saga. */
export async function announceOrderDiscounted(tx: Executor, orderId: string, result: CartDiscountResult): Promise<void> {
  await appendToOutbox(tx, outbox, orderDiscounted, orderId, {
    orderId,
    discount: result.total,
    lines: result.lines.map((line) => ({ lineId: line.lineId, discount: line.amount })),
    promotions: result.promotions.map(({ promotion, discount }) => ({
      promotionId: promotion.id,
      name: promotion.name,
      couponCode: promotion.couponCode,
      amount: discount,
    })),
    rejectedCoupon: result.rejectedCoupon,
  });
}

export type AnnouncePromotionChange = typeof announcePromotionChange;
export type AnnounceOrderDiscounted = typeof announceOrderDiscounted;
export type AnnounceUsage = typeof announceUsage;
