/**
 * The arithmetic and matching rules under the discount engine. Pure: integers only, no clock.
 */

import type { Money } from '@shop/events';

/** The one Money of the shop (integer minor units, ISO 4217), re-exported for the discount rules' callers. */
export type { Money };

/** A promotion as far as discounts care; the store's PromotionRecord fits. */
export interface PromotionRule {
  id: string;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  /** PERCENTAGE: basis points 1..10000 (1500 = 15 %); FIXED_AMOUNT: minor units of `currency`. */
  value: number;
  /** FIXED_AMOUNT only. */
  currency: string | null;
  /** Null: automatic (applies without a code). */
  couponCode: string | null;
  startsAt: Date;
  /** Exclusive; null: open-ended. */
  endsAt: Date | null;
  /** All three empty: applies to every product. */
  productIds: readonly string[];
  categoryIds: readonly string[];
  /** Variants it applies to (the other variants of their products are not covered); absent: none. */
  variantIds?: readonly string[];
  minimumSubtotal: Money | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  active: boolean;
}

const BASIS = 10_000n;

/**
 * The percentage discount on `amount`, ROUNDED DOWN: floor(amount * bp / 10000). The shop gives
 * away at most the advertised percentage, never a fraction of a cent more, and the customer pays
 * the remaining (rounded-up) amount. 999 at 15 % -> 149 off, 850 to pay.
 */
export function percentOff(amount: number, basisPoints: number): number {
  assertAmount(amount);
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError(`basisPoints must be an integer from 0 to 10000, got ${basisPoints}`);
  }
  return Number((BigInt(amount) * BigInt(basisPoints)) / BASIS);
}

/** A fixed discount never exceeds what it is taken off, so nothing is ever discounted below zero. */
export function fixedOff(amount: number, value: number): number {
  assertAmount(amount);
  assertAmount(value);
  return Math.min(amount, value);
}

export function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a non-negative integer, got ${amount}`);
}

/** Running at `now`: active, started (startsAt inclusive) and not yet ended (endsAt exclusive). */
export type WindowState = 'RUNNING' | 'NOT_STARTED' | 'ENDED';
export function windowState(promotion: PromotionRule, now: Date): WindowState {
  if (!promotion.active) return 'ENDED';
  if (now.getTime() < promotion.startsAt.getTime()) return 'NOT_STARTED';
  if (promotion.endsAt && now.getTime() >= promotion.endsAt.getTime()) return 'ENDED';
  return 'RUNNING';
}

/**
 * Does the promotion's product/variant/category condition cover this product (and variant)?
 * Empty conditions cover all. A line without a variant id is the product's default variant, whose
 * id is the product's id (a product without options), so a variant condition naming it still holds.
 */
export function coversProduct(promotion: PromotionRule, productId: string, categoryId: string | null, variantId?: string | null): boolean {
  const variantIds = promotion.variantIds ?? [];
  if (promotion.productIds.length === 0 && promotion.categoryIds.length === 0 && variantIds.length === 0) return true;
  return (
    promotion.productIds.includes(productId) ||
    variantIds.includes(variantId ?? productId) ||
    (categoryId !== null && promotion.categoryIds.includes(categoryId))
  );
}

/** How often a promotion was used: in all, and by the customer the cart belongs to. */
export interface PromotionUsage {
  total: number;
  byCustomer: number;
}

/** True when the total limit, or (for a known customer) the per-customer limit, is used up. */
export function limitReached(promotion: PromotionRule, usage: PromotionUsage | undefined, hasCustomer: boolean): boolean {
  const used = usage ?? { total: 0, byCustomer: 0 };
  if (promotion.usageLimit !== null && used.total >= promotion.usageLimit) return true;
  return hasCustomer && promotion.perCustomerLimit !== null && used.byCustomer >= promotion.perCustomerLimit;
}

/** The minimum subtotal holds when `subtotal` (same currency) reaches it; a different currency never does. */
export function meetsMinimum(promotion: PromotionRule, subtotal: Money): boolean {
  const minimum = promotion.minimumSubtotal;
  if (!minimum) return true;
  return minimum.currency === subtotal.currency && subtotal.amount >= minimum.amount;
}
