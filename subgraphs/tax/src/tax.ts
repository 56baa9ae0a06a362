import { transactor, type Database } from '@shop/db';
import { announceOrderTaxed, announceTaxRateChange } from './events/tax-events';
import { CartTaxService } from './services/cart-tax.service';
import { OrderTaxService } from './services/order-tax.service';
import { TaxCalculationService } from './services/tax-calculation.service';
import { TaxQuoteService } from './services/tax-quote.service';
import { TaxRateService } from './services/tax-rate.service';
import { OrderTaxStore } from './stores/order-tax.store';
import { TaxRateStore } from './stores/tax-rate.store';

/** Stores and services on one database; the subgraph and its tests build the same graph. `wake` is the outbox relay's. */
export function createTax(db: Database, wake: () => void = () => {}) {
  const stores = { rates: new TaxRateStore(db), orderTaxes: new OrderTaxStore(db) };
  const calculation = new TaxCalculationService(stores.rates);
  const services = {
    rates: new TaxRateService(stores.rates, announceTaxRateChange, transactor(db, wake)),
    quotes: new TaxQuoteService(stores.rates),
    carts: new CartTaxService(calculation),
    orders: new OrderTaxService(calculation, stores.orderTaxes, announceOrderTaxed),
  };
  return { stores, services };
}

export type Tax = ReturnType<typeof createTax>;
