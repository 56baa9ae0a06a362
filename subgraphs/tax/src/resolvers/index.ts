import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartTaxService } from '../services/cart-tax.service';
import type { OrderTaxService } from '../services/order-tax.service';
import type { TaxQuoteService } from '../services/tax-quote.service';
import type { TaxRateService } from '../services/tax-rate.service';
import { cartTaxResolvers } from './cart-tax.resolver';
import { taxQuoteResolvers } from './tax-quote.resolver';
import { taxRateResolvers } from './tax-rate.resolver';

export function resolvers(services: { rates: TaxRateService; quotes: TaxQuoteService; carts: CartTaxService; orders: OrderTaxService }): Resolvers {
  return mergeResolvers<Resolvers>(
    { DateTime: DateTimeScalar },
    taxRateResolvers(services.rates),
    taxQuoteResolvers(services.quotes),
    cartTaxResolvers(services.carts, services.orders),
  );
}
