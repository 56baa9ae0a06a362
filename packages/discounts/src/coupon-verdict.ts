/**
 * Whether a coupon applies to a basket, and if not, why: the one rule both promotions (pricing a
 * cart or an order) and orders (refusing `applyCouponCode`) follow, so the refusal a shopper gets
 * when entering a code is the reason the cart would show later. Pure: no I/O, no clock.
 */
import { coversProduct, limitReached, windowState, type Money, type PromotionRule, type PromotionUsage } from './discount-math';

/** Why a coupon does not apply, in the order the checks run (the first failing one is reported). */
export type CouponRejectionReason = 'UNKNOWN' | 'EXPIRED' | 'NOT_STARTED' | 'USAGE_LIMIT_REACHED' | 'NOT_APPLICABLE' | 'MINIMUM_NOT_MET';

/** A basket line as far as a coupon cares: what it is and what it costs before any discount. */
export interface CouponLine {
  productId: string;
  /** The variant on the line; absent: the product's default variant. */
  variantId?: string | null;
  categoryId: string | null;
  /** unitPrice x quantity in the basket's currency, minor units. */
  amount: number;
}

export interface CouponRejection {
  /** The code, trimmed and upper-cased. */
  code: string;
  reason: CouponRejectionReason;
  /** MINIMUM_NOT_MET: how much more of the covered products the basket needs; null otherwise. */
  missing: Money | null;
}

export interface CouponCheck<P extends PromotionRule, L extends CouponLine> {
  /** Trimmed and upper-cased. */
  code: string;
  /** The promotion with this code, if any. */
  promotion: P | undefined;
  /** The basket's lines; empty for an empty basket. */
  lines: readonly L[];
  /** The basket's currency; null while it is empty. */
  currency: string | null;
  now: Date;
  usage: PromotionUsage | undefined;
  /** Per-customer limits count only for a known customer. */
  hasCustomer: boolean;
}

/** Coupon codes are compared trimmed and upper-cased. */
export const normalizeCouponCode = (code: string): string => code.trim().toUpperCase();

/** The lines a promotion can discount: covered by its conditions, and in its currency if it has one. */
export function coveredLines<L extends CouponLine>(promotion: PromotionRule, lines: readonly L[], currency: string | null): L[] {
  if (currency === null || (promotion.kind === 'FIXED_AMOUNT' && promotion.currency !== currency)) return [];
  return lines.filter((line) => coversProduct(promotion, line.productId, line.categoryId, line.variantId));
}

/**
 * The coupon's promotion and the lines it covers, or the first reason it does not apply:
 * UNKNOWN, EXPIRED (ended or deactivated), NOT_STARTED, USAGE_LIMIT_REACHED (in all, or for this
 * customer), NOT_APPLICABLE (covers no line: other products, an empty basket, a fixed amount or a
 * minimum in another currency), MINIMUM_NOT_MET (the covered lines' PRE-discount subtotal is below
 * the minimum; `missing` says by how much).
 */
export function couponVerdict<P extends PromotionRule, L extends CouponLine>(check: CouponCheck<P, L>): { promotion: P; covered: L[] } | CouponRejection {
  const { code, promotion } = check;
  const refuse = (reason: CouponRejectionReason, missing: Money | null = null): CouponRejection => ({ code, reason, missing });
  if (!promotion) return refuse('UNKNOWN');
  const state = windowState(promotion, check.now);
  if (state === 'ENDED') return refuse('EXPIRED');
  if (state === 'NOT_STARTED') return refuse('NOT_STARTED');
  if (limitReached(promotion, check.usage, check.hasCustomer)) return refuse('USAGE_LIMIT_REACHED');
  const covered = coveredLines(promotion, check.lines, check.currency);
  const minimum = promotion.minimumSubtotal;
  if (covered.length === 0 || (minimum && minimum.currency !== check.currency)) return refuse('NOT_APPLICABLE');
  const subtotal = covered.reduce((sum, line) => sum + line.amount, 0);
  if (minimum && subtotal < minimum.amount) return refuse('MINIMUM_NOT_MET', { amount: minimum.amount - subtotal, currency: minimum.currency });
  return { promotion, covered };
}

/** The public error code of each reason (`COUPON_NOT_FOUND`, ...), as orders and promotions both answer it. */
export const couponErrorCode = {
  UNKNOWN: 'COUPON_NOT_FOUND',
  EXPIRED: 'COUPON_EXPIRED',
  NOT_STARTED: 'COUPON_NOT_STARTED',
  USAGE_LIMIT_REACHED: 'COUPON_USAGE_LIMIT_REACHED',
  NOT_APPLICABLE: 'COUPON_NOT_APPLICABLE',
  MINIMUM_NOT_MET: 'COUPON_MINIMUM_NOT_MET',
} as const satisfies Record<CouponRejectionReason, string>;

export type CouponErrorCode = (typeof couponErrorCode)[CouponRejectionReason];

/** `1250 EUR` -> `€12.50`, with the currency's own number of decimals. */
export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

/** A sentence a shopper can read, the same wherever the rejection is shown. */
export function couponRejectionMessage(rejection: CouponRejection): string {
  const { code } = rejection;
  switch (rejection.reason) {
    case 'UNKNOWN':
      return `There is no coupon ${code}.`;
    case 'EXPIRED':
      return `The coupon ${code} has expired.`;
    case 'NOT_STARTED':
      return `The coupon ${code} is not valid yet.`;
    case 'USAGE_LIMIT_REACHED':
      return `The coupon ${code} has reached its usage limit.`;
    case 'NOT_APPLICABLE':
      return `The coupon ${code} does not apply to anything in your cart.`;
    case 'MINIMUM_NOT_MET':
      return rejection.missing
        ? `Add ${formatMoney(rejection.missing)} more in eligible items to use the coupon ${code}.`
        : `Add more eligible items to use the coupon ${code}.`;
  }
}
