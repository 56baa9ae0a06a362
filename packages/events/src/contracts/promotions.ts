import { z } from 'zod';
import { defineDataEvent, defineEvent } from '../define-event';
import { currencyCode, money, orderRepliesTopic } from './saga-shapes';

/** Every promotion event, keyed by promotion id so one promotion's events stay in order. */
export const promotionsTopic = 'shop.promotions';

/** A promotion as it is after the change. */
const promotionSnapshot = z.object({
  promotionId: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['PERCENTAGE', 'FIXED_AMOUNT']),
  /** PERCENTAGE: basis points (1500 = 15 %); FIXED_AMOUNT: minor units of `currency`. */
  value: z.number().int().min(1),
  /** ISO 4217; only for FIXED_AMOUNT. */
  currency: currencyCode.nullable(),
  /** True when it applies without a code (then `couponCode` is null). */
  automatic: z.boolean(),
  /** Upper case; compared case-insensitively. */
  couponCode: z.string().min(1).nullable(),
  startsAt: z.iso.datetime({ offset: true }),
  /** Exclusive; null: open-ended. */
  endsAt: z.iso.datetime({ offset: true }).nullable(),
  /** Empty with `categoryIds` and `variantIds` empty too: applies to every product. */
  productIds: z.array(z.string().min(1)),
  categoryIds: z.array(z.string().min(1)),
  /** Variants it applies to (their products' other variants are not covered); absent in events from before variants. */
  variantIds: z.array(z.string().min(1)).optional(),
  minimumSubtotal: money.nullable(),
  usageLimit: z.number().int().min(1).nullable(),
  perCustomerLimit: z.number().int().min(1).nullable(),
  active: z.boolean(),
});

/** An admin created a promotion. */
export const promotionCreated = defineEvent({ type: 'promotion.created', topic: promotionsTopic, version: 1, schema: promotionSnapshot });

/** An admin changed a promotion; carries the whole new snapshot. */
export const promotionUpdated = defineEvent({ type: 'promotion.updated', topic: promotionsTopic, version: 1, schema: promotionSnapshot });

/** An admin ended a promotion early; it no longer applies (sent once, on the change). */
export const promotionDeactivated = defineEvent({ type: 'promotion.deactivated', topic: promotionsTopic, version: 1, schema: promotionSnapshot });

/** An order used a promotion (recorded once per promotion and order, within the usage limits). */
export const promotionUsageRecorded = defineDataEvent({
  type: 'promotion.usage-recorded',
  topic: promotionsTopic,
  data: {
    promotionId: z.string().min(1),
    orderId: z.string().min(1),
    customerId: z.string().min(1),
    /** The promotion's total uses including this one. */
    timesUsed: z.number().int().min(1),
  },
});

/**
 * What the discount rules judge a coupon by, taken from a snapshot: orders keeps one per coupon
 * (its `known_coupons`) to refuse a code at once with the reason promotions would give.
 */
export const couponRule = promotionSnapshot.pick({
  kind: true,
  value: true,
  currency: true,
  startsAt: true,
  endsAt: true,
  productIds: true,
  categoryIds: true,
  minimumSubtotal: true,
  usageLimit: true,
  perCustomerLimit: true,
  active: true,
});

export type PromotionSnapshot = z.infer<typeof promotionSnapshot>;
export type CouponRule = z.infer<typeof couponRule>;
export type PromotionUsageRecorded = z.infer<typeof promotionUsageRecorded.schema>;

/**
 * Saga reply to `order.placed` (topic `orderRepliesTopic`, keyed by ORDER id): the discount the
 * order gets, from the same engine that answers `Cart.discount`, with one use of every listed
 * promotion already reserved for the order (released on `order.cancelled`). A coupon that does
 * not apply (unknown, expired, its limit taken by another order meanwhile) gives no discount and
 * is named in `rejectedCoupon`; it never fails the order.
 */
export const orderDiscounted = defineDataEvent({
  type: 'order.discounted',
  topic: orderRepliesTopic,
  data: {
    orderId: z.string().min(1),
    /** Total discount, 0 when nothing applies; never more than the subtotal. */
    discount: money,
    /** Each line's share of the discount (every order line appears, 0 when none). */
    lines: z.array(z.object({ lineId: z.string().min(1), discount: money })),
    promotions: z.array(z.object({ promotionId: z.string().min(1), name: z.string().min(1), couponCode: z.string().min(1).nullable(), amount: money })),
    /** The order's coupon when it did not price the order, and why (CouponRejectionReason); absent or null when it did or none was entered. */
    rejectedCoupon: z
      .object({
        code: z.string().min(1),
        reason: z.string().regex(/^[A-Z_]+$/),
        /** MINIMUM_NOT_MET: how much more the covered lines needed; absent or null otherwise. */
        missing: money.nullish(),
      })
      .nullish(),
  },
});

export type OrderDiscounted = z.infer<typeof orderDiscounted.schema>;
