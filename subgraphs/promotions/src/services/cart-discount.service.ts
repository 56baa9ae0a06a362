import DataLoader from 'dataloader';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { currencyCode, money } from '@shop/events';
import { badUserInput, customerIdOf, perRequest, type SubgraphContext } from '@shop/subgraph-kit';
import type { PromotionRecord, PromotionStore } from '../stores/promotion.store';
import { couponVerdict, type CouponRejection } from '@shop/discounts';
import { discountCart, type CartDiscount } from './cart-discount';
import { MixedCurrencyError, normalizeCouponCode, type CartLine } from './discount-engine';
import { lineIds, MAX_QUANTITY, MAX_QUOTE_LINES } from './quote.service';

/** A cart as the router sends it for `Cart.discount` (the @requires selection of orders' fields). */
const cartReference = z.object({
  id: z.string().min(1),
  currency: currencyCode.nullish(),
  couponCode: z.string().max(100).nullish(),
  lines: z
    .array(
      z.object({
        ...lineIds,
        categoryId: z.string().min(1).max(100).nullish(),
        quantity: z.number().int().min(1).max(MAX_QUANTITY),
        unitPrice: money,
      }),
    )
    .max(MAX_QUOTE_LINES),
});

/** A cart or order to discount: non-empty, every line in `currency`. */
export interface CartToDiscount {
  currency: string;
  /** As entered; compared trimmed and upper-cased. */
  couponCode: string | null;
  lines: CartLine[];
}

export type CartDiscountResult = CartDiscount<PromotionRecord>;

/**
 * Discounts carts (`Cart.discount`) and orders (the checkout's `order.placed`) with the SAME
 * method, `discountMany`, so the discount a shopper sees on the cart is the one the order gets.
 * However many carts, it costs one SQL statement: the candidate promotions with the customer's
 * usage of each.
 */
export class CartDiscountService {
  constructor(
    private readonly promotions: PromotionStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * `customerId` is whose per-customer limits count (the cart's owner); one entry per cart, an
   * Error for a cart the engine refuses (lines in another currency than the cart, repeated ids).
   */
  async discountMany(carts: readonly CartToDiscount[], customerId: string | null, now: Date, db?: Executor): Promise<Array<CartDiscountResult | Error>> {
    const codes = carts.map((cart) => (cart.couponCode?.trim() ? normalizeCouponCode(cart.couponCode) : null));
    const lines = carts.flatMap((cart) => cart.lines);
    const candidates = await this.promotions.forCarts(
      {
        now,
        productIds: [...new Set(lines.map((line) => line.productId))],
        categoryIds: [...new Set(lines.flatMap((line) => (line.categoryId ? [line.categoryId] : [])))],
        variantIds: [...new Set(lines.flatMap((line) => (line.variantId ? [line.variantId] : [])))],
        couponCodes: [...new Set(codes.filter((code): code is string => code !== null))],
        customerId,
      },
      db,
    );
    const usage = Object.fromEntries(candidates.map((promotion) => [promotion.id, { total: promotion.timesUsed, byCustomer: promotion.byCustomer }]));
    return carts.map((cart, index) => {
      try {
        return discountCart({ currency: cart.currency, lines: cart.lines, couponCode: codes[index], customerId, now, promotions: candidates, usage });
      } catch (error) {
        if (error instanceof MixedCurrencyError || error instanceof RangeError) return error;
        throw error;
      }
    });
  }

  /**
   * `Cart.discount`: null for an empty cart. Every cart of one request is discounted together
   * (one statement per `_entities` call); the caller is the cart's owner.
   */
  async forCart(context: SubgraphContext, reference: unknown): Promise<CartDiscountResult | null> {
    const { id, currency, couponCode, lines } = parseReference(reference);
    if (!currency || lines.length === 0) return null;
    const loader = perRequest(
      context,
      'carts.discount',
      () =>
        new DataLoader<CartToDiscount, CartDiscountResult, string>((carts) => this.discountMany(carts, customerIdOf(context), this.clock()), {
          cacheKeyFn: (cart) => JSON.stringify(cart),
        }),
    );
    const cart: CartToDiscount = { currency, couponCode: couponCode ?? null, lines: lines.map((line) => ({ ...line, categoryId: line.categoryId ?? null })) };
    try {
      return await loader.load(cart);
    } catch (error) {
      if (error instanceof MixedCurrencyError || error instanceof RangeError) throw badUserInput(`Cart ${id}: ${error.message}`);
      throw error;
    }
  }

  /**
   * `Cart.couponRejection`: why the cart's coupon takes nothing off, from the same verdict as the
   * discount. An empty cart's coupon is judged too (it covers nothing, unless it is also expired,
   * used up, ...), so emptying the cart does not make the entered code vanish without a word.
   */
  async couponRejection(context: SubgraphContext, reference: unknown): Promise<CouponRejection | null> {
    const { currency, couponCode, lines } = parseReference(reference);
    if (!couponCode?.trim()) return null;
    if (currency && lines.length > 0) return (await this.forCart(context, reference))?.rejectedCoupon ?? null;
    const code = normalizeCouponCode(couponCode);
    const customerId = customerIdOf(context);
    const candidates = await this.promotions.forCarts({ now: this.clock(), productIds: [], categoryIds: [], couponCodes: [code], customerId });
    const promotion = candidates.find((candidate) => candidate.couponCode !== null && normalizeCouponCode(candidate.couponCode) === code);
    const usage = promotion ? { total: promotion.timesUsed, byCustomer: promotion.byCustomer } : undefined;
    const verdict = couponVerdict({ code, promotion, lines: [], currency: null, now: this.clock(), usage, hasCustomer: customerId !== null });
    return 'reason' in verdict ? verdict : null;
  }
}

function parseReference(reference: unknown) {
  const parsed = cartReference.safeParse(reference);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badUserInput(`Cart.${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
