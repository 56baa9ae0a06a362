import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphHarness } from '@shop/testkit';
import { sqlBackends } from '@shop/testkit';
import { addOk, addReview, customer, deleteReview, knownProduct, startRatings, summaries } from './ratings-harness';

describe.each(sqlBackends)('concurrent review writes on %s', (backend) => {
  let ratings: SubgraphHarness;
  beforeAll(async () => {
    ratings = await startRatings(backend);
  });
  afterAll(() => ratings.stop());

  it('20 users reviewing one product at once: count 20, exact sum', async () => {
    const productId = await knownProduct(ratings);
    const stars = Array.from({ length: 20 }, (_, i) => (i % 5) + 1);
    const results = await Promise.all(stars.map((rating) => addReview(ratings, customer(), { productId, rating })));
    expect(results.map((result) => result.data?.addReview.errors)).toEqual(stars.map(() => []));
    // Sum 60 over 20 reviews.
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: 3, reviewCount: 20 }]);
  });

  it('concurrent adds and deletes leave the summary matching the reviews', async () => {
    const productId = await knownProduct(ratings);
    const doomed = await Promise.all([5, 5, 5, 5].map((rating) => addOk(ratings, productId, rating)));
    const added = [1, 2, 2, 1];
    await Promise.all([
      ...doomed.map((review) => deleteReview(ratings, customer(review.author.id), review.id)),
      ...added.map((rating) => addReview(ratings, customer(), { productId, rating })),
    ]);
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: 1.5, reviewCount: 4 }]);
  });

  it('one review per user even when the same user adds twice at once', async () => {
    const productId = await knownProduct(ratings);
    const userId = randomUUID();
    const results = await Promise.all([5, 1, 3].map((rating) => addReview(ratings, customer(userId), { productId, rating })));
    const outcomes = results.map((result) => result.data!.addReview);
    const winners = outcomes.filter((outcome) => outcome.review !== null);
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.errors[0]?.code === 'ALREADY_REVIEWED')).toHaveLength(2);
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: winners[0]!.review!.rating, reviewCount: 1 }]);
  });

  it('a user deleting and re-adding their review at once never deadlocks', async () => {
    const productId = await knownProduct(ratings);
    const userId = randomUUID();
    const first = await addOk(ratings, productId, 5, userId);
    const [removed, added] = await Promise.all([
      deleteReview(ratings, customer(userId), first.id),
      addReview(ratings, customer(userId), { productId, rating: 2 }),
    ]);
    expect(removed.data?.deleteReview.deletedReviewId).toBe(first.id);
    const readded = added.data!.addReview;
    // Whichever ran first decides; either way the summary matches what is stored.
    const expected = readded.review ? { averageRating: 2, reviewCount: 1 } : { averageRating: null, reviewCount: 0 };
    if (!readded.review) expect(readded.errors.map((e) => e.code)).toEqual(['ALREADY_REVIEWED']);
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, ...expected }]);
  });

  it('two concurrent deletes of one review: one succeeds, the other is NOT_FOUND, the count drops once', async () => {
    const productId = await knownProduct(ratings);
    const keep = await addOk(ratings, productId, 2);
    const review = await addOk(ratings, productId, 4);
    const results = await Promise.all([1, 2].map(() => deleteReview(ratings, customer(review.author.id), review.id)));
    expect(results.map((result) => result.data?.deleteReview.deletedReviewId ?? result.errors?.[0]?.extensions?.code).sort()).toEqual(
      ['NOT_FOUND', review.id].sort(),
    );
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: keep.rating, reviewCount: 1 }]);
  });
});
