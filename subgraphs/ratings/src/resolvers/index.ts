import { DateTimeScalar, mergeResolvers } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ReviewReader } from '../services/review-reader.service';
import type { ReviewService } from '../services/review.service';
import { productResolvers } from './product.resolver';
import { reviewResolvers } from './review.resolver';

export function resolvers(services: { reader: ReviewReader; reviews: ReviewService }): Resolvers {
  return mergeResolvers<Resolvers>({ DateTime: DateTimeScalar }, reviewResolvers(services.reader, services.reviews), productResolvers(services.reader));
}
