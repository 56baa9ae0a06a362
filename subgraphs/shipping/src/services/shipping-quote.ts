/**
 * The one shipping calculation of the shop: the read-time quote (`Cart.shippingOptions`,
 * `Cart.shippingCost`) and the saga's `order.shipping-quoted` both call it, so the shipping a
 * shopper sees before ordering is the shipping the order is charged. Integer minor units only.
 */
import type { Money } from '@shop/events';

export interface QuotableRate {
  /** The rate's id: the option id a shopper chooses with `setShippingMethod`. */
  id: string;
  country: string;
  currency: string;
  priceAmount: number;
  /** Free shipping once the subtotal reaches this amount (same currency); null: never free. */
  freeOverAmount: number | null;
  estimatedDays: number;
  /** Creation order: the last tie-breaker, so equal options always come in the same order. */
  seq: number;
}

export interface ShippingQuoteInput {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** What the goods cost, before shipping (and before discounts, as the cart shows it). */
  subtotal: Money;
}

export interface ShippingOptionQuote<R extends QuotableRate> {
  rate: R;
  /** What shipping costs with this rate, in `currency`: the price, or 0 once the subtotal reaches freeOver. */
  cost: number;
  currency: string;
  free: boolean;
}

/**
 * Every rate that ships to the country in the subtotal's currency, with its cost for this
 * subtotal, cheapest first, then fastest, then oldest.
 */
export function quoteShipping<R extends QuotableRate>(rates: readonly R[], input: ShippingQuoteInput): Array<ShippingOptionQuote<R>> {
  const { country, subtotal } = input;
  return rates
    .filter((rate) => rate.country === country && rate.currency === subtotal.currency)
    .map((rate) => {
      const free = rate.freeOverAmount !== null && subtotal.amount >= rate.freeOverAmount;
      return { rate, cost: free ? 0 : rate.priceAmount, currency: rate.currency, free };
    })
    .sort((a, b) => a.cost - b.cost || a.rate.estimatedDays - b.rate.estimatedDays || a.rate.seq - b.rate.seq);
}

/** The cheapest option (what the checkout charges), or null when no rate ships there in that currency. */
export function cheapestShipping<R extends QuotableRate>(rates: readonly R[], input: ShippingQuoteInput): ShippingOptionQuote<R> | null {
  return quoteShipping(rates, input)[0] ?? null;
}

/**
 * What the cart or order is charged: the option the shopper chose while it still ships there in
 * the cart's currency, else the cheapest; null when no rate ships there.
 */
export function chargedShipping<R extends QuotableRate>(
  rates: readonly R[],
  input: ShippingQuoteInput & { chosenRateId?: string | null },
): ShippingOptionQuote<R> | null {
  const options = quoteShipping(rates, input);
  return options.find((option) => option.rate.id === input.chosenRateId) ?? options[0] ?? null;
}
