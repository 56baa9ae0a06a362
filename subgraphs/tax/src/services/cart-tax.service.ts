import DataLoader from 'dataloader';
import { z } from 'zod';
import { currencyCode, money, type Money } from '@shop/events';
import { badUserInput, isoCountry, perRequest, type SubgraphContext } from '@shop/subgraph-kit';
import { netLines, normalizeRegion, type OrderTax } from './order-tax';
import type { OrderToTax, TaxCalculationService } from './tax-calculation.service';
import { MAX_QUOTE_LINES } from './tax-quote.service';

/** A cart as the router sends it for `Cart.tax` (the @requires selection of orders', promotions' and shipping's fields). */
const cartReference = z.object({
  id: z.string().min(1),
  currency: currencyCode.nullish(),
  shippingAddress: z.object({ country: z.string(), region: z.string().max(50).nullish() }).nullish(),
  lines: z
    .array(
      z.object({
        lineId: z.string().min(1).max(100),
        categoryId: z.string().max(100).nullish(),
        quantity: z.number().int().min(1),
        unitPrice: money,
      }),
    )
    .max(MAX_QUOTE_LINES),
  discount: z.object({ total: money.nullish(), lines: z.array(z.object({ lineId: z.string(), amount: money })) }).nullish(),
  shippingCost: money.nullish(),
  subtotal: money.nullish(),
});

/**
 * `Cart.tax`: turns a cart reference into what `TaxCalculationService.taxMany` (the checkout's
 * calculation) takes, and taxes every cart of a request together (one statement per `_entities`).
 */
export class CartTaxService {
  constructor(
    private readonly calculation: TaxCalculationService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * `Cart.total`: subtotal - discount + shipping + tax, added up like the saga adds up
   * `Order.total`; null until every part is known (an empty cart, no address, no shipping option).
   */
  async totalOf(context: SubgraphContext, reference: unknown): Promise<Money | null> {
    const { id, currency, subtotal, discount, shippingCost } = parseCart(reference);
    const tax = await this.forCart(context, reference);
    if (!currency || !tax || !subtotal || !discount?.total || !shippingCost) return null;
    if ([subtotal, discount.total, shippingCost].some((part) => part.currency !== currency))
      throw badUserInput(`Cart ${id}: every part of the total must be in ${currency}`);
    return { amount: subtotal.amount - discount.total.amount + shippingCost.amount + tax.total, currency };
  }

  /** Null without a shipping address and for an empty cart. */
  async forCart(context: SubgraphContext, reference: unknown): Promise<OrderTax | null> {
    const { id, currency, shippingAddress, lines, discount, shippingCost } = parseCart(reference);
    if (!currency || !shippingAddress || lines.length === 0) return null;
    const country = isoCountry(shippingAddress.country);
    if (!country) throw badUserInput(`Cart ${id}: shippingAddress.country must be an ISO 3166-1 alpha-2 code`);
    let cart: OrderToTax;
    try {
      if (shippingCost && shippingCost.currency !== currency) throw new RangeError(`shippingCost is not in the cart's currency ${currency}`);
      cart = {
        currency,
        address: { country, region: normalizeRegion(shippingAddress.region) },
        lines: netLines(currency, lines, discount?.lines ?? []),
        shippingCost: shippingCost?.amount ?? null,
      };
    } catch (error) {
      if (error instanceof RangeError) throw badUserInput(`Cart ${id}: ${error.message}`);
      throw error;
    }
    const loader = perRequest(
      context,
      'carts.tax',
      () =>
        new DataLoader<OrderToTax, OrderTax, string>((carts) => this.calculation.taxMany(carts, this.clock()), { cacheKeyFn: (key) => JSON.stringify(key) }),
    );
    return loader.load(cart);
  }
}

function parseCart(reference: unknown) {
  const parsed = cartReference.safeParse(reference);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badUserInput(`Cart.${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
