import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import type { PromotionRule } from '@shop/discounts';
import { couponRule, type CouponRule } from '@shop/events';
import { knownCoupons } from '../db/schema';

const ruleRow = z.object({ promotionId: z.string(), couponCode: z.string(), rule: couponRule });

/** SQL for orders' copy of the coupons, written only by the promotion-events consumer. */
export class KnownCouponStore {
  constructor(private readonly db: Executor) {}

  /** The coupon with this (upper-case) code as a rule the discount rules can judge, or null. */
  async findByCode(code: string, db: Executor = this.db): Promise<PromotionRule | null> {
    const rows = await db.select().from(knownCoupons).where(eq(knownCoupons.couponCode, code)).orderBy(desc(knownCoupons.updatedAt)).limit(1);
    if (!rows[0]) return null;
    const { promotionId, couponCode, rule } = ruleRow.parse(rows[0]);
    return { ...rule, id: promotionId, couponCode, startsAt: new Date(rule.startsAt), endsAt: rule.endsAt ? new Date(rule.endsAt) : null };
  }

  async upsert(promotionId: string, couponCode: string, rule: CouponRule, db: Executor): Promise<void> {
    await db
      .insert(knownCoupons)
      .values({ promotionId, couponCode, rule })
      .onConflictDoUpdate({ target: knownCoupons.promotionId, set: { couponCode, rule, updatedAt: new Date() } });
  }

  /** A promotion that lost its code (it became automatic) is no coupon any more. */
  async delete(promotionId: string, db: Executor): Promise<void> {
    await db.delete(knownCoupons).where(eq(knownCoupons.promotionId, promotionId));
  }
}
