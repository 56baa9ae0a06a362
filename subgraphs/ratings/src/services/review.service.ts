import { Rollback, transactOrRollback, type Executor, type Transact } from '@shop/db';
import { appendToOutbox, productRatingChanged, reviewAdded, reviewDeleted, type EventContract, type OutboxTable, type ReviewFacts } from '@shop/events';
import { notFound, requireOwnerOrAdmin, type Viewer } from '@shop/subgraph-kit';
import type { KnownProductStore, RatingSummary } from '../stores/known-product.store';
import type { ReviewRecord, ReviewStore } from '../stores/review.store';
import { averageRating } from './rating-summary';
import { failure, validateReview, type ReviewFailure, type ReviewInput } from './review-input';

export type AddReviewResult = { review: ReviewRecord; errors: [] } | { review: null; errors: ReviewFailure[] };
export interface DeleteReviewResult {
  deletedReviewId: string;
  product: { id: string };
}

/**
 * Writes reviews. The review, the product's rating summary and the outbox events change in one
 * transaction, so the summary always matches the reviews and search hears of every change.
 */
export class ReviewService {
  constructor(
    private readonly reviews: ReviewStore,
    private readonly products: KnownProductStore,
    private readonly outbox: OutboxTable,
    /** Runs `work` in a transaction and wakes the outbox relay after the commit. */
    private readonly transact: Transact,
  ) {}

  async add(viewer: Viewer, input: ReviewInput): Promise<AddReviewResult> {
    const checked = validateReview(input);
    if ('errors' in checked) return { review: null, errors: checked.errors };
    const { productId, rating } = checked.review;
    return transactOrRollback<AddReviewResult>(this.transact, async (tx) => {
      // Summary first: the row lock it takes serializes this product's writers, and an unknown
      // product is found before anything is written.
      const summary = await this.products.applyRating(productId, { sum: rating, count: 1 }, tx);
      if (!summary) return { review: null, errors: [failure('UNKNOWN_PRODUCT', 'No such product in the catalog', 'productId')] };
      const review = await this.reviews.insert({ ...checked.review, userId: viewer.userId }, tx);
      if (!review)
        throw new Rollback<AddReviewResult>({ review: null, errors: [failure('ALREADY_REVIEWED', 'You have already reviewed this product', 'productId')] });
      await this.announce(tx, reviewAdded, review, summary);
      return { review, errors: [] };
    });
  }

  /** Authors delete their own reviews, admins any; NOT_FOUND for an unknown id, FORBIDDEN for anyone else. */
  async remove(viewer: Viewer, id: string): Promise<DeleteReviewResult> {
    const [existing] = await this.reviews.findByIds([id]);
    if (!existing) throw notFound('No such review');
    requireOwnerOrAdmin(viewer, existing.userId, 'Only the author or an admin may delete this review');
    const removed = await this.transact(async (tx) => {
      // Product row first, as addReview and the product.deleted cascade do: one lock order, no deadlocks.
      await this.products.lockIfKnown(existing.productId, tx, 'update');
      const review = await this.reviews.delete(id, tx);
      if (!review) return null;
      const summary = await this.products.applyRating(review.productId, { sum: -review.rating, count: -1 }, tx);
      await this.announce(tx, reviewDeleted, review, summary);
      return review;
    });
    // A concurrent delete (or the product's removal) got there first.
    if (!removed) throw notFound('No such review');
    return { deletedReviewId: removed.id, product: { id: removed.productId } };
  }

  /**
   * Marks the user's reviews of these products as verified purchases. For the orders subgraph's
   * future `order.confirmed` event; nothing calls it yet. Returns how many reviews changed.
   */
  markVerifiedPurchases(userId: string, productIds: readonly string[]): Promise<number> {
    return this.reviews.markVerified(userId, [...new Set(productIds)]);
  }

  private async announce(tx: Executor, contract: EventContract<ReviewFacts>, review: ReviewRecord, summary: RatingSummary | null) {
    const { id: reviewId, productId, userId, rating } = review;
    await appendToOutbox(tx, this.outbox, contract, productId, { reviewId, productId, userId, rating });
    if (summary) {
      await appendToOutbox(tx, this.outbox, productRatingChanged, productId, {
        productId,
        averageRating: averageRating(summary.ratingSum, summary.reviewCount),
        reviewCount: summary.reviewCount,
      });
    }
  }
}
