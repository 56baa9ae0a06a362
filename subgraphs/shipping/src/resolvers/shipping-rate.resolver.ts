import { requireUuid } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Shipping } from '../shipping';

export function shippingRateResolvers({ rates }: Shipping): Resolvers {
  return {
    ShippingRate: {
      __resolveReference: (ref, context) => rates.byId(context, requireUuid(ref.id)),
      price: (rate) => ({ amount: rate.priceAmount, currency: rate.currency }),
      freeOver: (rate) => (rate.freeOverAmount === null ? null : { amount: rate.freeOverAmount, currency: rate.currency }),
    },
    Query: {
      shippingRates: (_parent, { country, first, after }) => rates.list(country, first, after),
    },
    Mutation: {
      createShippingRate: (_parent, { input }, context) => rates.create(context, input),
      updateShippingRate: (_parent, { id, input }, context) => rates.update(context, requireUuid(id), input),
      deleteShippingRate: (_parent, { id }, context) => rates.remove(context, requireUuid(id)),
    },
  };
}
