import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Payments } from '../payments';
import { paymentResolvers } from './payment.resolver';

export function resolvers(payments: Payments): Resolvers {
  return mergeResolvers<Resolvers>({ DateTime: DateTimeScalar }, paymentResolvers(payments));
}
