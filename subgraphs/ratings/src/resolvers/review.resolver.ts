import { requireUuid, requireViewer } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ReviewReader } from '../services/review-reader.service';
import type { ReviewService } from '../services/review.service';

export function reviewResolvers(reader: ReviewReader, writer: ReviewService): Resolvers {
  return {
    Review: {
      __resolveReference: (ref, context) => reader.byId(context, ref.id),
      author: (review) => ({ id: review.userId }),
      product: (review) => ({ id: review.productId }),
    },
    ReviewConnection: {
      totalCount: (connection) => connection.totalCount(),
    },
    Query: {
      review: (_parent, { id }, context) => reader.byId(context, requireUuid(id)),
    },
    Mutation: {
      addReview: (_parent, { input }, context) => writer.add(requireViewer(context), input),
      deleteReview: (_parent, { id }, context) => writer.remove(requireViewer(context), requireUuid(id)),
    },
  };
}
