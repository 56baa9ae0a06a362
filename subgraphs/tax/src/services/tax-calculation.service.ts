import type { Executor } from '@shop/db';
import type { TaxRateStore } from '../stores/tax-rate.store';
import { taxOrder, type OrderTax, type TaxableLine } from './order-tax';

/** A cart or an order to tax. */
export interface OrderToTax {
  currency: string;
  address: { country: string; region?: string | null };
  lines: readonly TaxableLine[];
  /** Minor units; null when unknown. */
  shippingCost: number | null;
}

/**
 * Taxes carts (`Cart.tax`) and orders (the checkout's `order.tax-requested`) with the SAME method,
 * `taxMany`, so the tax a shopper previews is the tax the order is charged. However many carts,
 * it costs one SQL statement (the rates of their countries).
 */
export class TaxCalculationService {
  constructor(private readonly rates: TaxRateStore) {}

  /** Rates valid at `at` apply; one result per input, in order. */
  async taxMany(orders: readonly OrderToTax[], at: Date, db?: Executor): Promise<OrderTax[]> {
    const countryOf = (order: OrderToTax) => order.address.country.toUpperCase();
    const rates = await this.rates.forCountries([...new Set(orders.map(countryOf))], db);
    return orders.map((order) => taxOrder({ ...order, rates: rates.filter((rate) => rate.country === countryOf(order)), at }));
  }
}
