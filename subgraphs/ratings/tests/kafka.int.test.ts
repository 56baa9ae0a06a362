import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaTransport, productCreated, ratingsTopic, reviewAdded, type EventEnvelope } from '@shop/events';
import { eventually, fastKafkaConsumer, testKafkaBrokers, uniqueKafkaName, type SubgraphHarness } from '@shop/testkit';
import { addReview, customer, productCreatedEvent, publish, startRatings } from './ratings-harness';

/** Ratings as in services mode: PostgreSQL, product events in and rating events out over real Kafka. */
describe('ratings over real Kafka', () => {
  let ratings: SubgraphHarness;
  let catalog: KafkaTransport;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    ratings = await startRatings('postgres', 'kafka');
    catalog = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('catalog-test'), consumer: fastKafkaConsumer });
    await catalog.subscribe({ groupId: uniqueKafkaName('ratings-test'), topics: [ratingsTopic], handler: async (event) => void received.push(event) });
  });
  afterAll(async () => {
    await catalog?.close();
    await ratings?.stop();
  });

  it('product.created on Kafka makes the product reviewable, and the review is announced on Kafka', { timeout: 120_000 }, async () => {
    const created = productCreatedEvent();
    const productId = created.aggregateId;
    const userId = randomUUID();
    expect((await addReview(ratings, customer(userId), { productId, rating: 4 })).data?.addReview.errors.map((e) => e.code)).toEqual(['UNKNOWN_PRODUCT']);
    await publish(catalog, productCreated, created);
    const review = await eventually(async () => (await addReview(ratings, customer(userId), { productId, rating: 4 })).data?.addReview.review, {
      what: 'the product to become reviewable',
      timeoutMs: 90_000,
    });
    expect(review).toMatchObject({ rating: 4, product: { id: productId }, author: { id: userId } });
    const added = await eventually(() => received.find((event) => event.aggregateId === productId && event.type === reviewAdded.type), {
      what: 'review.added on Kafka',
      timeoutMs: 90_000,
    });
    expect(reviewAdded.parse(added).data).toEqual({ reviewId: review.id, productId, userId, rating: 4 });
  });
});
