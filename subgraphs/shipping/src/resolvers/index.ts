import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Shipping } from '../shipping';
import { cartResolvers } from './cart.resolver';
import { shipmentResolvers } from './shipment.resolver';
import { shippingRateResolvers } from './shipping-rate.resolver';

export function resolvers(shipping: Shipping): Resolvers {
  return mergeResolvers<Resolvers>({ DateTime: DateTimeScalar }, shippingRateResolvers(shipping), cartResolvers(shipping), shipmentResolvers(shipping));
}
