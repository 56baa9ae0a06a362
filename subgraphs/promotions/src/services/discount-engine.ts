/**
 * THE discount calculation of the shop: `promotionQuote`, `Product.salePrice`, the cart's
 * `discount` and the checkout saga's discount step all run it, so the discount a client previews is
 * the discount an order gets.
 * Pure: no I/O, no clock (`now` is an argument), integers only.
 *
 * Stacking rules, in order:
 * 1. One currency per cart: lines in different currencies throw MixedCurrencyError.
 * 2. A promotion counts only while RUNNING (active, startsAt <= now < endsAt) and while its usage
 *    limits hold: the total limit always, the per-customer limit when `customerId` is given.
 * 3. Automatic promotions (no coupon code): each line gets at most ONE, the one giving that line
 *    the largest discount (ties: the smaller promotion id). An automatic promotion applies to the
 *    lines its product/variant/category conditions cover, and only when the pre-discount subtotal of those
 *    lines reaches its minimum subtotal. Per unit, so a line costs exactly quantity x salePrice:
 *    PERCENTAGE takes floor(unitPrice x bp / 10000) off each unit (rounded DOWN: the customer
 *    never gets more than the advertised percentage, the shop never gives away a fraction of a
 *    cent); FIXED_AMOUNT takes min(unitPrice, value) off each unit, same currency only.
 * 4. On top, at most ONE coupon (code compared case-insensitively). It is checked against the same
 *    rules (window, limits, conditions, minimum subtotal on the PRE-discount subtotal of the lines
 *    it covers) and, when it fails, reported in `rejectedCoupon` with the first failing reason:
 *    UNKNOWN, EXPIRED (ended or deactivated), NOT_STARTED, USAGE_LIMIT_REACHED, NOT_APPLICABLE
 *    (covers no line, or a fixed amount or minimum in another currency), MINIMUM_NOT_MET (with
 *    the amount missing). That check is `couponVerdict` of @shop/discounts, which orders runs too
 *    to refuse `applyCouponCode`.
 *    A PERCENTAGE coupon takes floor(remaining x bp / 10000) off each covered line's amount left
 *    after the automatic discount; a FIXED_AMOUNT coupon is an order discount (`orderDiscount`) of
 *    min(value, what is left of the covered lines).
 * 5. Nothing is ever discounted below zero.
 */
import {
  assertAmount,
  couponVerdict,
  coveredLines,
  coversProduct,
  fixedOff,
  limitReached,
  meetsMinimum,
  normalizeCouponCode,
  percentOff,
  windowState,
  type CouponRejection,
  type Money,
  type PromotionRule,
  type PromotionUsage,
} from '@shop/discounts';

export type { CouponRejection, CouponRejectionReason, Money, PromotionRule, PromotionUsage } from '@shop/discounts';
export { percentOff, fixedOff, normalizeCouponCode } from '@shop/discounts';

export interface CartLine {
  lineId: string;
  productId: string;
  /** The variant sold on the line; absent: the product's default variant (whose id is the product's). */
  variantId?: string | null;
  categoryId: string | null;
  unitPrice: Money;
  /** A positive integer. */
  quantity: number;
}

export interface ApplyPromotionsInput<P extends PromotionRule> {
  lines: readonly CartLine[];
  couponCode?: string | null;
  customerId?: string | null;
  now: Date;
  /** Candidates: automatic ones and the coupon's, if any; others are ignored. */
  promotions: readonly P[];
  /** Uses per promotion id; a missing entry means never used. */
  usage?: Readonly<Record<string, PromotionUsage>>;
}

export interface LineDiscount {
  lineId: string;
  /** unitPrice x quantity, before discounts. */
  subtotal: Money;
  discount: Money;
  /** The promotions that discounted this line (automatic first, then the coupon). */
  promotionIds: string[];
}

export interface DiscountResult<P extends PromotionRule> {
  currency: string;
  lines: LineDiscount[];
  subtotal: Money;
  /** A fixed-amount coupon's discount, not attributed to single lines. */
  orderDiscount: Money;
  /** Line discounts plus the order discount. */
  totalDiscount: Money;
  /** subtotal - totalDiscount, never negative. */
  total: Money;
  appliedPromotions: Array<{ promotion: P; discount: Money }>;
  rejectedCoupon: CouponRejection | null;
}

export class MixedCurrencyError extends Error {
  constructor() {
    super('Every line of a cart must be in the same currency');
    this.name = 'MixedCurrencyError';
  }
}

type Line = CartLine & { amount: number };

export function applyPromotions<P extends PromotionRule>(input: ApplyPromotionsInput<P>): DiscountResult<P> {
  const lines = checkLines(input.lines);
  const currency = lines[0]!.unitPrice.currency;
  const hasCustomer = Boolean(input.customerId);
  const usable = (p: P) => windowState(p, input.now) === 'RUNNING' && !limitReached(p, input.usage?.[p.id], hasCustomer);
  const discounts: Discounts = new Map(lines.map((line) => [line.lineId, { amount: 0, promotionIds: [] as string[] }]));
  const applied = new Map<P, number>();
  const credit = (promotion: P, amount: number) => applied.set(promotion, (applied.get(promotion) ?? 0) + amount);

  const automatics = input.promotions.filter((p) => p.couponCode === null && usable(p) && qualifies(p, lines, currency));
  for (const line of lines) {
    const best = bestAutomatic(automatics, line);
    if (!best) continue;
    const entry = discounts.get(line.lineId)!;
    entry.amount += best.amount;
    entry.promotionIds.push(best.promotion.id);
    credit(best.promotion, best.amount);
  }

  const coupon = input.couponCode?.trim() ? evaluateCoupon(normalizeCouponCode(input.couponCode), input, lines, currency, hasCustomer) : null;
  const orderDiscount = coupon && 'promotion' in coupon ? applyCoupon(coupon.promotion, coveredLines(coupon.promotion, lines, currency), discounts, credit) : 0;

  const money = (amount: number): Money => ({ amount, currency });
  const subtotal = sum(lines.map((line) => line.amount));
  const totalDiscount = sum([...discounts.values()].map((entry) => entry.amount)) + orderDiscount;
  return {
    currency,
    lines: lines.map((line) => {
      const { amount, promotionIds } = discounts.get(line.lineId)!;
      return { lineId: line.lineId, subtotal: money(line.amount), discount: money(amount), promotionIds };
    }),
    subtotal: money(subtotal),
    orderDiscount: money(orderDiscount),
    totalDiscount: money(totalDiscount),
    total: money(subtotal - totalDiscount),
    appliedPromotions: [...applied].map(([promotion, amount]) => ({ promotion, discount: money(amount) })),
    rejectedCoupon: coupon && 'reason' in coupon ? coupon : null,
  };
}

/** Validates the lines and adds each line's pre-discount amount. */
function checkLines(input: readonly CartLine[]): Line[] {
  if (input.length === 0) throw new RangeError('A cart needs at least one line');
  const currency = input[0]!.unitPrice.currency;
  if (input.some((line) => line.unitPrice.currency !== currency)) throw new MixedCurrencyError();
  if (new Set(input.map((line) => line.lineId)).size !== input.length) throw new RangeError('Line ids must be distinct');
  return input.map((line) => {
    assertAmount(line.unitPrice.amount);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw new RangeError(`quantity must be a positive integer, got ${line.quantity}`);
    const amount = line.unitPrice.amount * line.quantity;
    assertAmount(amount);
    return { ...line, amount };
  });
}

/** Covers at least one line, and those lines' pre-discount subtotal reaches the minimum. */
function qualifies(promotion: PromotionRule, lines: readonly Line[], currency: string): boolean {
  const covered = coveredLines(promotion, lines, currency);
  return covered.length > 0 && meetsMinimum(promotion, { amount: sum(covered.map((line) => line.amount)), currency });
}

function automaticLineDiscount(promotion: PromotionRule, line: Line): number {
  if (!coversProduct(promotion, line.productId, line.categoryId, line.variantId)) return 0;
  const perUnit = promotion.kind === 'PERCENTAGE' ? percentOff(line.unitPrice.amount, promotion.value) : fixedOff(line.unitPrice.amount, promotion.value);
  return perUnit * line.quantity;
}

function bestAutomatic<P extends PromotionRule>(automatics: readonly P[], line: Line): { promotion: P; amount: number } | null {
  let best: { promotion: P; amount: number } | null = null;
  for (const promotion of automatics) {
    const amount = automaticLineDiscount(promotion, line);
    if (amount <= 0) continue;
    if (!best || amount > best.amount || (amount === best.amount && promotion.id < best.promotion.id)) best = { promotion, amount };
  }
  return best;
}

type Discounts = Map<string, { amount: number; promotionIds: string[] }>;

/** Adds a coupon's discount: per covered line for a percentage; returns the order discount of a fixed amount. */
function applyCoupon<P extends PromotionRule>(
  promotion: P,
  covered: readonly Line[],
  discounts: Discounts,
  credit: (promotion: P, amount: number) => void,
): number {
  if (promotion.kind === 'FIXED_AMOUNT') {
    const orderDiscount = fixedOff(sum(covered.map((line) => line.amount - discounts.get(line.lineId)!.amount)), promotion.value);
    credit(promotion, orderDiscount);
    return orderDiscount;
  }
  for (const line of covered) {
    const entry = discounts.get(line.lineId)!;
    const off = percentOff(line.amount - entry.amount, promotion.value);
    entry.amount += off;
    entry.promotionIds.push(promotion.id);
    credit(promotion, off);
  }
  return 0;
}

function evaluateCoupon<P extends PromotionRule>(
  code: string,
  input: ApplyPromotionsInput<P>,
  lines: readonly Line[],
  currency: string,
  hasCustomer: boolean,
): { promotion: P } | CouponRejection {
  const promotion = input.promotions.find((p) => p.couponCode !== null && normalizeCouponCode(p.couponCode) === code);
  return couponVerdict({ code, promotion, lines, currency, now: input.now, usage: promotion ? input.usage?.[promotion.id] : undefined, hasCustomer });
}

const sum = (amounts: readonly number[]): number => amounts.reduce((total, amount) => total + amount, 0);
