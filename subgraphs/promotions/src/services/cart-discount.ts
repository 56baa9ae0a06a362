/**
 * The discount of a whole cart or order: the engine's answer (`applyPromotions`) with a
 * fixed-amount coupon's order discount shared out over the lines it covers, so every line has
 * its exact share and the shares add up to the total. `Cart.discount` and the checkout's
 * `order.discounted` both come from here, and tax is computed on each line minus its share.
 * Pure: no I/O, no clock, integers only.
 */
import { applyPromotions, MixedCurrencyError, type ApplyPromotionsInput, type CouponRejection, type Money, type PromotionRule } from './discount-engine';
import { coversProduct } from '@shop/discounts';

export interface CartDiscount<P extends PromotionRule> {
  currency: string;
  /** Sum of unitPrice x quantity. */
  subtotal: Money;
  /** Everything taken off; the sum of `lines`. */
  total: Money;
  /** One entry per line, in input order. */
  lines: Array<{ lineId: string; amount: Money }>;
  /** Every promotion that took something off, in the engine's order. */
  promotions: Array<{ promotion: P; discount: Money }>;
  rejectedCoupon: CouponRejection | null;
}

/** `currency` is the cart's: every line must be in it (else MixedCurrencyError). */
export function discountCart<P extends PromotionRule>(input: ApplyPromotionsInput<P> & { currency: string }): CartDiscount<P> {
  if (input.lines.some((line) => line.unitPrice.currency !== input.currency)) throw new MixedCurrencyError();
  const result = applyPromotions(input);
  const amounts = new Map(result.lines.map((line) => [line.lineId, line.discount.amount]));
  if (result.orderDiscount.amount > 0) {
    const coupon = result.appliedPromotions.find((applied) => applied.promotion.kind === 'FIXED_AMOUNT' && applied.promotion.couponCode !== null)!;
    const covered = input.lines.filter((line) => coversProduct(coupon.promotion, line.productId, line.categoryId, line.variantId));
    const left = covered.map((line) => line.unitPrice.amount * line.quantity - amounts.get(line.lineId)!);
    const shares = shareOut(result.orderDiscount.amount, left);
    covered.forEach((line, index) => amounts.set(line.lineId, amounts.get(line.lineId)! + shares[index]!));
  }
  const money = (amount: number): Money => ({ amount, currency: result.currency });
  return {
    currency: result.currency,
    subtotal: result.subtotal,
    total: result.totalDiscount,
    lines: result.lines.map((line) => ({ lineId: line.lineId, amount: money(amounts.get(line.lineId)!) })),
    promotions: result.appliedPromotions,
    rejectedCoupon: result.rejectedCoupon,
  };
}

/**
 * Splits `amount` over `weights` in proportion (largest remainder: each share is rounded down,
 * then the cents left go one each to the largest remainders, ties to the earlier line). The shares
 * add up to `amount` exactly, and none exceeds its weight while `amount` <= the sum of the weights.
 */
export function shareOut(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (total === 0n) return weights.map(() => 0);
  const exact = weights.map((weight) => BigInt(amount) * BigInt(weight));
  const shares = exact.map((value) => value / total);
  let left = BigInt(amount) - shares.reduce((sum, share) => sum + share, 0n);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}
