import { z } from 'zod';
import { badUserInput, customerIdOf, type SubgraphContext } from '@shop/subgraph-kit';
import type { KnownProductStore } from '../stores/known-product.store';
import type { PromotionRecord, PromotionStore } from '../stores/promotion.store';
import type { UsageStore } from '../stores/usage.store';
import { applyPromotions, normalizeCouponCode, type DiscountResult } from './discount-engine';

export const MAX_QUOTE_LINES = 500;
export const MAX_QUANTITY = 1000;

/** The ids of a line to discount, as a quote's input and a cart reference name them. */
export const lineIds = {
  lineId: z.string().min(1).max(100),
  productId: z.string().min(1).max(100),
  variantId: z.string().min(1).max(100).nullish(),
};

const quoteInput = z.object({
  lines: z
    .array(
      z.object({
        ...lineIds,
        unitPrice: z.object({
          amount: z.number().int().min(0, 'must be 0 or more'),
          currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
        }),
        quantity: z.number().int().min(1, 'must be 1 or more').max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
      }),
    )
    .min(1, 'at least one line is required')
    .max(MAX_QUOTE_LINES, `at most ${MAX_QUOTE_LINES} lines`)
    .refine((lines) => new Set(lines.map((line) => line.lineId)).size === lines.length, 'line ids must be distinct')
    .refine((lines) => new Set(lines.map((line) => line.unitPrice.currency)).size <= 1, 'every line must be in the same currency'),
  couponCode: z.string().max(100, 'at most 100 characters').nullish(),
});

export type PromotionQuoteInputShape = z.input<typeof quoteInput>;
export type PromotionQuoteResult = DiscountResult<PromotionRecord>;

/** Previews discounts with the engine the checkout uses, over the promotions running now. */
export class QuoteService {
  constructor(
    private readonly promotions: PromotionStore,
    private readonly known: KnownProductStore,
    private readonly usages: UsageStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async quote(context: SubgraphContext, input: PromotionQuoteInputShape): Promise<PromotionQuoteResult> {
    const parsed = quoteInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = ['input', ...issue.path.map(String)].join('.');
      throw badUserInput(`${path}: ${issue.message}`, { argument: path });
    }
    const now = this.clock();
    const couponCode = parsed.data.couponCode?.trim() ? normalizeCouponCode(parsed.data.couponCode) : null;
    const productIds = [...new Set(parsed.data.lines.map((line) => line.productId))];
    const categories = new Map((await this.known.findByIds(productIds)).map((product) => [product.productId, product.categoryId]));
    const variantIds = [...new Set(parsed.data.lines.map((line) => line.variantId ?? line.productId))];
    const promotions = await this.promotions.forQuote(now, productIds, [...new Set(categories.values())], couponCode, variantIds);
    const customerId = customerIdOf(context);
    const limited = promotions.filter((promotion) => promotion.perCustomerLimit !== null).map((promotion) => promotion.id);
    const byCustomer = customerId && limited.length > 0 ? await this.usages.countsForCustomer(customerId, limited) : new Map<string, number>();
    return applyPromotions({
      lines: parsed.data.lines.map((line) => ({ ...line, categoryId: categories.get(line.productId) ?? null })),
      couponCode,
      customerId,
      now,
      promotions,
      usage: Object.fromEntries(promotions.map((promotion) => [promotion.id, { total: promotion.timesUsed, byCustomer: byCustomer.get(promotion.id) ?? 0 }])),
    });
  }
}
