import { isoCountry, rowsByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { ShippingRateRecord, ShippingRateStore } from '../stores/shipping-rate.store';
import { quoteShipping, type ShippingOptionQuote } from './shipping-quote';

/** What the router sends for a Cart: its key plus the fields shipping `@requires` from orders. */
export interface CartRepresentation {
  id: string;
  shippingAddress?: { country: string } | null;
  subtotal?: { amount: number; currency: string } | null;
}

export type CartShippingOption = ShippingOptionQuote<ShippingRateRecord>;

/**
 * The read-time shipping quote of carts. Every cart of an `_entities` call asks through one
 * per-request loader keyed by country, so the whole call costs one query however many carts
 * (and both `shippingOptions` and `shippingCost`) it holds.
 */
export class CartShippingService {
  constructor(private readonly rates: ShippingRateStore) {}

  private ratesOf(context: SubgraphContext, country: string): Promise<ShippingRateRecord[]> {
    return rowsByKey(context, 'shippingRates.byCountry', (countries) => this.rates.forCountries(countries), (row) => row.country).load(country);
  }

  /** Every option for the cart, cheapest first; empty without an address, for an empty cart, or when nothing ships there. */
  async options(context: SubgraphContext, cart: CartRepresentation): Promise<CartShippingOption[]> {
    const country = cart.shippingAddress ? isoCountry(cart.shippingAddress.country) : null;
    const subtotal = cart.subtotal;
    if (!country || !subtotal) return [];
    return quoteShipping(await this.ratesOf(context, country), { country, subtotal });
  }

  /** The cheapest option's cost (what the checkout charges); null when there is no option. */
  async cost(context: SubgraphContext, cart: CartRepresentation): Promise<{ amount: number; currency: string } | null> {
    const [cheapest] = await this.options(context, cart);
    return cheapest ? { amount: cheapest.cost, currency: cheapest.currency } : null;
  }
}
