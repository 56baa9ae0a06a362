import { DateTimeScalar } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Shipping } from '../shipping';
import { cartResolvers } from './cart.resolver';
import { shipmentResolvers } from './shipment.resolver';
import { shippingRateResolvers } from './shipping-rate.resolver';

export function resolvers(shipping: Shipping): Resolvers {
  const rates = shippingRateResolvers(shipping);
  const carts = cartResolvers(shipping);
  const shipments = shipmentResolvers(shipping);
  return {
    DateTime: DateTimeScalar,
    ...rates,
    ...carts,
    ...shipments,
    Query: { ...rates.Query, ...shipments.Query },
    Mutation: { ...rates.Mutation, ...shipments.Mutation },
  };
}
