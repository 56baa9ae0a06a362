import { z } from 'zod';
import { defineDataEvent, defineEvent } from '../define-event';

/** Every event about reviews and ratings, keyed by product id so one product's rating events stay in order. */
export const ratingsTopic = 'shop.ratings';

const reviewFacts = z.object({
  reviewId: z.string().min(1),
  productId: z.string().min(1),
  /** The review's author (a users id). */
  userId: z.string().min(1),
  rating: z.number().int().min(1).max(5),
});

/** A signed-in user reviewed a product. */
export const reviewAdded = defineEvent({ type: 'review.added', topic: ratingsTopic, version: 1, schema: reviewFacts });

/** A review was removed by its author or an admin. */
export const reviewDeleted = defineEvent({ type: 'review.deleted', topic: ratingsTopic, version: 1, schema: reviewFacts });

/**
 * A product's rating summary after a review was added or removed (search indexes it). Carries the
 * whole new summary, so a consumer keeps the latest event per product and needs no arithmetic.
 */
export const productRatingChanged = defineDataEvent({
  // The issue spelled it `product.rating_changed`; defineEvent's type pattern allows only [a-z0-9-].
  type: 'product.rating-changed',
  topic: ratingsTopic,
  data: {
    productId: z.string().min(1),
    /** Mean of the ratings rounded to 2 decimals; null when the product has no reviews. */
    averageRating: z.number().min(1).max(5).nullable(),
    reviewCount: z.number().int().min(0),
  },
});

export type ReviewFacts = z.infer<typeof reviewFacts>;
export type ProductRatingChanged = z.infer<typeof productRatingChanged.schema>;
