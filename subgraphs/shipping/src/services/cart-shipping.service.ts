import type { Money } from '@shop/events';
import { isoCountry, rowsByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { ShippingRateRecord, ShippingRateStore } from '../stores/shipping-rate.store';
import { chargedShipping, quoteShipping, type ShippingOptionQuote } from './shipping-quote';

/** What the router sends for a Cart: its key plus the fields shipping `@requires` from orders. */
export interface CartRepresentation {
  id: string;
  shippingAddress?: { country: string } | null;
  subtotal?: Money | null;
  /** The option the shopper chose (orders' `Cart.shippingMethodId`); null: the cheapest. */
  shippingMethodId?: string | null;
}

export type CartShippingOption = ShippingOptionQuote<ShippingRateRecord> & { selected: boolean };

/**
 * The read-time shipping quote of carts. Every cart of an `_entities` call asks through one
 * per-request loader keyed by country, so the whole call costs one query however many carts
 * (and both `shippingOptions` and `shippingCost`) it holds.
 */
export class CartShippingService {
  constructor(private readonly rates: ShippingRateStore) {}

  private ratesOf(context: SubgraphContext, country: string): Promise<ShippingRateRecord[]> {
    return rowsByKey(
      context,
      'shippingRates.byCountry',
      (countries) => this.rates.forCountries(countries),
      (row) => row.country,
    ).load(country);
  }

  /** Every option for the cart, cheapest first, the one charged `selected`; empty without an address, for an empty cart, or when nothing ships there. */
  async options(context: SubgraphContext, cart: CartRepresentation): Promise<CartShippingOption[]> {
    const country = cart.shippingAddress ? isoCountry(cart.shippingAddress.country) : null;
    const subtotal = cart.subtotal;
    if (!country || !subtotal) return [];
    const rates = await this.ratesOf(context, country);
    const charged = chargedShipping(rates, { country, subtotal, chosenRateId: cart.shippingMethodId ?? null });
    return quoteShipping(rates, { country, subtotal }).map((option) => ({ ...option, selected: option.rate.id === charged?.rate.id }));
  }

  /** The option the cart is charged: the chosen one while it ships there, else the cheapest; null when there is none. */
  async method(context: SubgraphContext, cart: CartRepresentation): Promise<CartShippingOption | null> {
    return (await this.options(context, cart)).find((option) => option.selected) ?? null;
  }

  /** What the checkout charges for shipping; null when there is no option. */
  async cost(context: SubgraphContext, cart: CartRepresentation): Promise<Money | null> {
    const charged = await this.method(context, cart);
    return charged ? { amount: charged.cost, currency: charged.currency } : null;
  }
}
