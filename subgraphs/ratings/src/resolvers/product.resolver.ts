import type { Resolvers } from '../__generated__/resolvers-types';
import { averageRating } from '../services/rating-summary';
import type { ReviewReader } from '../services/review-reader.service';

/** Product and User are owned elsewhere: references need no query, their fields load in batches. */
export function productResolvers(reader: ReviewReader): Resolvers {
  return {
    Product: {
      __resolveReference: (ref) => ({ id: ref.id }),
      averageRating: async (product, _args, context) => {
        const summary = await reader.summary(context, product.id);
        return averageRating(summary.ratingSum, summary.reviewCount);
      },
      reviewCount: async (product, _args, context) => (await reader.summary(context, product.id)).reviewCount,
      reviews: (product, args, context) => reader.productReviews(context, product.id, args),
    },
    User: {
      __resolveReference: (ref) => ({ id: ref.id }),
      reviews: (user, args, context) => reader.userReviews(context, user.id, args),
    },
  };
}
