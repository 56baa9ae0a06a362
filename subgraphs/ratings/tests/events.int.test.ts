import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCreated, productDeleted, ratingsTopic, type EventEnvelope, type LocalTransport } from '@shop/events';
import { eventually, sqlBackends, type SubgraphHarness } from '@shop/testkit';
import { inbox, outbox } from '../src/db/schema';
import { PRODUCT_EVENTS_GROUP } from '../src/events/product-events.consumer';
import { createRatings } from '../src';
import {
  addOk,
  addReview,
  customer,
  deleteReview,
  isKnown,
  knownProduct,
  productCreatedEvent,
  productDeletedEvent,
  publish,
  startRatings,
  summaries,
} from './ratings-harness';
import { ReviewDocument, ReviewVerifiedPurchasesDocument, UserReviewTotalsDocument } from './__generated__/graphql';

describe.each(sqlBackends)('ratings events on %s', (backend) => {
  let ratings: SubgraphHarness;
  const received: EventEnvelope[] = [];
  beforeAll(async () => {
    ratings = await startRatings(backend);
    await ratings.platform.transport.subscribe({
      groupId: `test-${randomUUID()}`,
      topics: [ratingsTopic],
      handler: async (event) => void received.push(event),
    });
  });
  afterAll(() => ratings.stop());

  const eventsFor = (productId: string, count: number) =>
    eventually(
      () => {
        const events = received.filter((event) => event.aggregateId === productId);
        return events.length >= count && events;
      },
      { what: `${count} events of ${productId}` },
    );

  it('addReview and deleteReview publish review and rating-summary events through the outbox', async () => {
    const productId = await knownProduct(ratings);
    const userId = randomUUID();
    const five = await addOk(ratings, productId, 5, userId);
    const two = await addOk(ratings, productId, 2);
    await deleteReview(ratings, customer(userId), five.id);
    const events = await eventsFor(productId, 6);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['review.added', { reviewId: five.id, productId, userId, rating: 5 }],
      ['product.rating-changed', { productId, averageRating: 5, reviewCount: 1 }],
      ['review.added', { reviewId: two.id, productId, userId: two.author.id, rating: 2 }],
      ['product.rating-changed', { productId, averageRating: 3.5, reviewCount: 2 }],
      ['review.deleted', { reviewId: five.id, productId, userId, rating: 5 }],
      ['product.rating-changed', { productId, averageRating: 2, reviewCount: 1 }],
    ]);
    const rows = await ratings.platform.database.db.select().from(outbox).where(eq(outbox.key, productId));
    expect(rows.map((row) => row.topic)).toEqual(Array(6).fill('shop.ratings'));
  });

  it('a failed addReview publishes nothing', async () => {
    const productId = await knownProduct(ratings);
    const userId = randomUUID();
    await addOk(ratings, productId, 4, userId);
    expect((await addReview(ratings, customer(userId), { productId, rating: 1 })).data?.addReview.errors[0]?.code).toBe('ALREADY_REVIEWED');
    // In insertion order: a table scan's order changes once the relay has marked rows published.
    const rows = await ratings.platform.database.db.select().from(outbox).where(eq(outbox.key, productId)).orderBy(outbox.seq);
    expect(rows.map((row) => row.type)).toEqual(['review.added', 'product.rating-changed']);
  });

  it('product.deleted removes the product and its reviews, from product and user lists alike', async () => {
    const productId = await knownProduct(ratings);
    const other = await knownProduct(ratings);
    const userId = randomUUID();
    const gone = await addOk(ratings, productId, 3, userId);
    const kept = await addOk(ratings, other, 4, userId);
    await publish(ratings.platform.transport, productDeleted, productDeletedEvent(productId));
    await eventually(async () => !(await isKnown(ratings, productId)), { what: `${productId} to be forgotten` });
    expect(await summaries(ratings, [productId])).toEqual([{ id: productId, averageRating: null, reviewCount: 0 }]);
    const mine = await ratings.call(UserReviewTotalsDocument, { reps: [{ __typename: 'User', id: userId }] });
    expect(mine.data).toEqual({ _entities: [{ reviews: { edges: [{ node: { id: kept.id } }], totalCount: 1 } }] });
    expect((await ratings.call(ReviewDocument, { id: gone.id })).data).toEqual({ review: null });
    expect((await addReview(ratings, customer(), { productId, rating: 5 })).data?.addReview.errors.map((e) => e.code)).toEqual(['UNKNOWN_PRODUCT']);
  });

  it('a redelivered event takes effect once (inbox)', async () => {
    const created = productCreatedEvent();
    const productId = created.aggregateId;
    const deleted = productDeletedEvent(productId);
    await publish(ratings.platform.transport, productCreated, created);
    await publish(ratings.platform.transport, productDeleted, deleted);
    await publish(ratings.platform.transport, productCreated, productCreatedEvent(productId));
    await publish(ratings.platform.transport, productCreated, created);
    // Redelivery of the delete: it must not forget the product created again after it.
    await publish(ratings.platform.transport, productDeleted, deleted);
    const barrier = await knownProduct(ratings);
    expect(barrier).toBeTruthy();
    expect(await isKnown(ratings, productId)).toBe(true);
    const dedup = await ratings.platform.database.db
      .select()
      .from(inbox)
      .where(and(eq(inbox.consumer, PRODUCT_EVENTS_GROUP), eq(inbox.eventId, deleted.id)));
    expect(dedup).toHaveLength(1);
    expect((await addReview(ratings, customer(), { productId, rating: 5 })).data?.addReview.errors).toEqual([]);
  });

  it('dead-letters a malformed product event without stopping the consumer', async () => {
    const transport = ratings.platform.transport as LocalTransport;
    const productId = `prod-${randomUUID()}`;
    const bad = { ...productCreatedEvent(productId), data: { productId } };
    transport.publishRaw(productCreated.topic, productId, JSON.stringify(bad));
    await knownProduct(ratings);
    expect(await isKnown(ratings, productId)).toBe(false);
    const dead = await eventually(() => transport.deadLetters(`${productCreated.topic}.dlq`).find((letter) => letter.key === productId), {
      what: 'the dead letter',
    });
    expect(dead.error).toContain('Invalid product.created event');
  });

  it('markVerifiedPurchases flags exactly the buyer’s reviews of the bought products', async () => {
    const db = ratings.platform.database.db;
    const service = createRatings(db).services.reviews;
    const [p1, p2, p3] = [await knownProduct(ratings), await knownProduct(ratings), await knownProduct(ratings)];
    const buyer = randomUUID();
    const [r1, r2, r3] = [await addOk(ratings, p1, 5, buyer), await addOk(ratings, p2, 4, buyer), await addOk(ratings, p3, 3, buyer)];
    const stranger = await addOk(ratings, p1, 1);
    expect(await service.markVerifiedPurchases(buyer, [p1, p2, p1, 'unknown-product'])).toBe(2);
    expect(await service.markVerifiedPurchases(buyer, [p1])).toBe(0);
    expect(await service.markVerifiedPurchases(buyer, [])).toBe(0);
    const view = await ratings.call(ReviewVerifiedPurchasesDocument, {
      reps: [r1, r2, r3, stranger].map((review) => ({ __typename: 'Review', id: review.id })),
    });
    expect(view.data).toEqual({
      _entities: [
        { id: r1.id, verifiedPurchase: true },
        { id: r2.id, verifiedPurchase: true },
        { id: r3.id, verifiedPurchase: false },
        { id: stranger.id, verifiedPurchase: false },
      ],
    });
  });
});
