import { requireUuid } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { basisPointsToPercentage } from '../services/tax-calculator';
import type { TaxRateService } from '../services/tax-rate.service';

export function taxRateResolvers(rates: TaxRateService): Resolvers {
  return {
    TaxRate: {
      __resolveReference: (ref, context) => rates.byId(context, ref.id),
      percentage: (rate) => basisPointsToPercentage(rate.rateBasisPoints),
    },
    Query: {
      taxRates: (_parent, { country, first, after }) => rates.list(country, first, after),
    },
    Mutation: {
      createTaxRate: (_parent, { input }, context) => rates.create(context, input),
      updateTaxRate: (_parent, { id, input }, context) => rates.update(context, requireUuid(id), input),
      deleteTaxRate: (_parent, { id }, context) => rates.remove(context, requireUuid(id)),
    },
  };
}
