import { DateTimeScalar } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { TaxQuoteService } from '../services/tax-quote.service';
import type { TaxRateService } from '../services/tax-rate.service';
import { taxQuoteResolvers } from './tax-quote.resolver';
import { taxRateResolvers } from './tax-rate.resolver';

export function resolvers(services: { rates: TaxRateService; quotes: TaxQuoteService }): Resolvers {
  const rate = taxRateResolvers(services.rates);
  const quote = taxQuoteResolvers(services.quotes);
  return {
    DateTime: DateTimeScalar,
    ...rate,
    ...quote,
    Query: { ...rate.Query, ...quote.Query },
  };
}
