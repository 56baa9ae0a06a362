import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphHarness } from '@shop/testkit';
import { entitiesOf, sqlBackends } from '@shop/testkit';
import { addOk, addReview, admin, customer, deleteReview, knownProduct, startRatings, summaries } from './ratings-harness';
import { ProductReviewsDocument, ReviewDocument, type ProductReviewsQuery, type ProductReviewsQueryVariables, type ReviewSort } from './__generated__/graphql';

type Page = Extract<ProductReviewsQuery['_entities'][number], { __typename?: 'Product' }>['reviews'];

describe.each(sqlBackends)('reviews on %s', (backend) => {
  let ratings: SubgraphHarness;
  beforeAll(async () => {
    ratings = await startRatings(backend);
  });
  afterAll(() => ratings.stop());

  const productPage = async (productId: string, args: Omit<ProductReviewsQueryVariables, 'reps'>) => {
    const result = await ratings.call(ProductReviewsDocument, { reps: [{ __typename: 'Product', id: productId }], ...args });
    return { ...result, data: result.data && { _entities: entitiesOf('Product', result.data._entities) } };
  };

  /** Walks the whole list `first` at a time and returns the pages' ids. */
  const walk = async (productId: string, sort: ReviewSort, first: number) => {
    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = (await productPage(productId, { first, after, sort })).data!._entities[0]!.reviews;
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      pages.push(page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) return pages;
      after = page.pageInfo.endCursor ?? null;
    }
  };

  it('lists a product in every order, page by page', async () => {
    const productId = await knownProduct(ratings);
    const ids: string[] = [];
    for (const rating of [3, 5, 1, 4, 5]) ids.push((await addOk(ratings, productId, rating)).id);
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    expect(await walk(productId, 'NEWEST', 2)).toEqual([[e, d], [c, b], [a]]);
    expect(await walk(productId, 'OLDEST', 2)).toEqual([[a, b], [c, d], [e]]);
    expect(await walk(productId, 'HIGHEST_RATING', 2)).toEqual([[e, b], [d, a], [c]]);
    expect(await walk(productId, 'LOWEST_RATING', 3)).toEqual([
      [c, a, d],
      [e, b],
    ]);
    expect(await walk(productId, 'NEWEST', 5)).toEqual([[e, d, c, b, a]]);
    // Default arguments: newest first, 20 at a time.
    const all = (await productPage(productId, {})).data!._entities[0]!.reviews;
    expect(all.edges.map((edge) => edge.node.id)).toEqual([e, d, c, b, a]);
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('refuses bad page arguments with BAD_USER_INPUT', async () => {
    const productId = await knownProduct(ratings);
    await addOk(ratings, productId, 4);
    const newest = (await productPage(productId, { first: 1 })).data!._entities[0]!.reviews.pageInfo.endCursor!;
    for (const args of [{ first: 101 }, { first: -1 }, { after: 'not-a-cursor' }, { after: newest, sort: 'OLDEST' as const }]) {
      const result = await productPage(productId, args);
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await productPage(productId, { first: 100 })).data!._entities[0]!.reviews.edges).toHaveLength(1);
  });

  it('keeps the average exact through adds and deletes', async () => {
    const productId = await knownProduct(ratings);
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: null, reviewCount: 0 }]);
    const five = await addOk(ratings, productId, 5);
    const four = await addOk(ratings, productId, 4);
    const other = await addOk(ratings, productId, 4);
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: 4.33, reviewCount: 3 }]);
    const removed = await deleteReview(ratings, customer(five.author.id), five.id);
    expect(removed.data).toEqual({ deleteReview: { deletedReviewId: five.id, product: { id: productId, averageRating: 4, reviewCount: 2 } } });
    await deleteReview(ratings, customer(four.author.id), four.id);
    await deleteReview(ratings, customer(other.author.id), other.id);
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: null, reviewCount: 0 }]);
  });

  it('returns the new review, readable by id', async () => {
    const productId = await knownProduct(ratings);
    const userId = randomUUID();
    const result = await addReview(ratings, customer(userId), { productId, rating: 5, title: '  Great kettle  ', body: ' Boils fast. ' });
    const review = result.data!.addReview.review!;
    expect(result.data!.addReview.errors).toEqual([]);
    expect(review).toEqual({
      id: expect.any(String),
      rating: 5,
      title: 'Great kettle',
      body: 'Boils fast.',
      author: { id: userId },
      product: { id: productId },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      verifiedPurchase: false,
    });
    expect((await ratings.call(ReviewDocument, { id: review.id })).data).toEqual({ review });
    expect((await ratings.call(ReviewDocument, { id: '00000000-0000-4000-8000-000000000000' })).data).toEqual({ review: null });
    expect((await ratings.call(ReviewDocument, { id: 'nope' })).errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    // The same malformed id as a literal in the query text, as a hand-written client may send it.
    expect((await ratings.call('query { review(id: "nope") { id } }')).errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers bad input with typed errors', async () => {
    const productId = await knownProduct(ratings);
    const userId = randomUUID();
    const errors = async (input: { productId: string; rating: number; title?: string; body?: string }) =>
      (await addReview(ratings, customer(userId), input)).data!.addReview;
    expect(await errors({ productId, rating: 6 })).toEqual({
      review: null,
      errors: [{ code: 'INVALID_RATING', field: 'rating', message: 'Rating must be a whole number of stars from 1 to 5' }],
    });
    expect((await errors({ productId, rating: 0 })).errors.map((e) => e.code)).toEqual(['INVALID_RATING']);
    expect((await errors({ productId, rating: 3, title: ' ' })).errors.map((e) => e.code)).toEqual(['INVALID_TITLE']);
    expect((await errors({ productId, rating: 3, title: 'x'.repeat(121) })).errors.map((e) => e.code)).toEqual(['INVALID_TITLE']);
    expect((await errors({ productId, rating: 3, body: 'x'.repeat(5001) })).errors.map((e) => e.code)).toEqual(['INVALID_BODY']);
    expect((await errors({ productId, rating: 9, title: '', body: 'x'.repeat(5001) })).errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_RATING', 'rating'],
      ['INVALID_TITLE', 'title'],
      ['INVALID_BODY', 'body'],
    ]);
    expect(await errors({ productId: `prod-${randomUUID()}`, rating: 3 })).toEqual({
      review: null,
      errors: [{ code: 'UNKNOWN_PRODUCT', field: 'productId', message: 'No such product in the catalog' }],
    });
    expect((await errors({ productId, rating: 3, title: 'x'.repeat(120), body: 'x'.repeat(5000) })).errors).toEqual([]);
    expect((await errors({ productId, rating: 2 })).errors.map((e) => [e.code, e.field])).toEqual([['ALREADY_REVIEWED', 'productId']]);
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: 3, reviewCount: 1 }]);
  });

  it('lets only signed-in users add, and only the author or an admin delete', async () => {
    const productId = await knownProduct(ratings);
    const anonymous = await addReview(ratings, { userId: null }, { productId, rating: 4 });
    expect(anonymous.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['UNAUTHENTICATED', 'You must be signed in']]);
    const first = await addOk(ratings, productId, 4);
    const second = await addOk(ratings, productId, 2);
    expect((await deleteReview(ratings, { userId: null }, first.id)).errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await deleteReview(ratings, customer(), first.id)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await deleteReview(ratings, admin(), first.id)).data?.deleteReview.deletedReviewId).toBe(first.id);
    expect((await deleteReview(ratings, customer(second.author.id), second.id)).data?.deleteReview.product).toEqual({
      id: productId,
      averageRating: null,
      reviewCount: 0,
    });
    expect((await deleteReview(ratings, admin(), first.id)).errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect((await deleteReview(ratings, admin(), 'x; drop table')).errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'id must be a UUID'],
    ]);
  });
});
