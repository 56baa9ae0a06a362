import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { notificationResolvers, type NotificationServices } from './notification.resolver';
import { userResolvers } from './user.resolver';

export function resolvers(services: NotificationServices): Resolvers {
  return mergeResolvers<Resolvers>({ DateTime: DateTimeScalar }, notificationResolvers(services), userResolvers(services.reader));
}
