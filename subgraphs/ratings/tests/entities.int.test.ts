import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries as countDatabaseQueries, entitiesOf, sqlBackends, type SubgraphHarness } from '@shop/testkit';
import { addOk, deleteReview, customer, knownProduct, startRatings } from './ratings-harness';
import {
  ProductSummariesDocument,
  ProductTopReviewsDocument,
  ReviewReferencesDocument,
  UserReviewsDocument,
  type UserReviewsQueryVariables,
} from './__generated__/graphql';

describe.each(sqlBackends)('batched entities on %s', (backend) => {
  let ratings: SubgraphHarness;
  beforeAll(async () => {
    ratings = await startRatings(backend);
  });
  afterAll(() => ratings.stop());

  const countQueries = <T>(work: () => Promise<T>) => countDatabaseQueries(ratings.platform.database.db, work);

  it('20 products in one _entities call cost one query for averageRating and reviewCount', async () => {
    const products: string[] = [];
    for (let i = 0; i < 20; i++) products.push(await knownProduct(ratings));
    await addOk(ratings, products[0]!, 5);
    await addOk(ratings, products[0]!, 4);
    await addOk(ratings, products[0]!, 4);
    await addOk(ratings, products[7]!, 1);
    const unknown = `prod-${randomUUID()}`;
    const { result, queries } = await countQueries(() =>
      ratings.call(ProductSummariesDocument, { reps: [...products, unknown].map((id) => ({ __typename: 'Product', id })) }),
    );
    expect(queries).toBe(1);
    const entities = entitiesOf('Product', result.data!._entities);
    expect(entities).toHaveLength(21);
    expect(entities[0]).toEqual({ id: products[0], averageRating: 4.33, reviewCount: 3 });
    expect(entities[7]).toEqual({ id: products[7], averageRating: 1, reviewCount: 1 });
    expect(entities[3]).toEqual({ id: products[3], averageRating: null, reviewCount: 0 });
    expect(entities[20]).toEqual({ id: unknown, averageRating: null, reviewCount: 0 });
  });

  it("many products' review pages and totals cost two queries", async () => {
    const products = [await knownProduct(ratings), await knownProduct(ratings), await knownProduct(ratings)];
    await addOk(ratings, products[0]!, 3);
    const b = await addOk(ratings, products[0]!, 5);
    const c = await addOk(ratings, products[0]!, 4);
    const d = await addOk(ratings, products[2]!, 2);
    const { result, queries } = await countQueries(() =>
      ratings.call(ProductTopReviewsDocument, { reps: products.map((id) => ({ __typename: 'Product', id })) }),
    );
    expect(queries).toBe(2);
    expect(
      entitiesOf('Product', result.data!._entities).map((entity) => [
        entity!.reviews.edges.map((edge) => edge.node.id),
        entity!.reviews.pageInfo.hasNextPage,
        entity!.reviews.totalCount,
      ]),
    ).toEqual([
      [[b.id, c.id], true, 3],
      [[], false, 0],
      [[d.id], false, 1],
    ]);
  });

  it("users' reviews in one _entities call cost two queries, newest first, paged", async () => {
    const [p1, p2, p3] = [await knownProduct(ratings), await knownProduct(ratings), await knownProduct(ratings)];
    const [ada, bob, eve] = [randomUUID(), randomUUID(), randomUUID()];
    const a1 = await addOk(ratings, p1, 5, ada);
    const b1 = await addOk(ratings, p1, 2, bob);
    const a2 = await addOk(ratings, p2, 4, ada);
    const a3 = await addOk(ratings, p3, 3, ada);
    const users = async (variables: UserReviewsQueryVariables) => entitiesOf('User', (await ratings.call(UserReviewsDocument, variables)).data!._entities);
    const { result, queries } = await countQueries(() => users({ reps: [ada, bob, eve].map((id) => ({ __typename: 'User', id })) }));
    expect(queries).toBe(2);
    const [adaView, bobView, eveView] = result;
    expect(adaView!.reviews.edges.map((edge) => edge.node.id)).toEqual([a3.id, a2.id]);
    expect(adaView!.reviews).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(bobView!.reviews).toMatchObject({ edges: [{ node: { id: b1.id, product: { id: p1 } } }], totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(eveView!.reviews).toEqual({ edges: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null } });
    const next = await users({ reps: [{ __typename: 'User', id: ada }], after: adaView!.reviews.pageInfo.endCursor });
    expect(next[0]!.reviews).toMatchObject({ edges: [{ node: { id: a1.id } }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    await deleteReview(ratings, customer(ada), a2.id);
    const after = await users({ reps: [{ __typename: 'User', id: ada }] });
    expect(after[0]!.reviews.edges.map((edge) => edge.node.id)).toEqual([a3.id, a1.id]);
  });

  it('resolves Review references in one query, null for unknown ids', async () => {
    const productId = await knownProduct(ratings);
    const reviews = [await addOk(ratings, productId, 1), await addOk(ratings, productId, 2)];
    const reps = [...reviews.map((r) => r.id), '00000000-0000-4000-8000-000000000000', 'not-a-uuid'].map((id) => ({ __typename: 'Review', id }));
    const { result, queries } = await countQueries(() => ratings.call(ReviewReferencesDocument, { reps }));
    expect(queries).toBe(1);
    expect(result.data).toEqual({
      _entities: [{ id: reviews[0]!.id, rating: 1, product: { id: productId } }, { id: reviews[1]!.id, rating: 2, product: { id: productId } }, null, null],
    });
  });
});
