import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { favouritesTopic, KafkaTransport, wishlistItemAdded, type EventEnvelope } from '@shop/events';
import { eventually, fastKafkaConsumer, startSubgraphHarness, testKafkaBrokers, uniqueKafkaName, type SubgraphHarness } from '@shop/testkit';
import { favouritesModule } from '../src';
import { catalog, customer } from './helpers';
import { AddToWishlistDocument } from './__generated__/graphql';

/** Services mode: product events arrive over real Kafka, wishlist events leave over it. */
describe('favourites on PostgreSQL + Kafka', () => {
  let favourites: SubgraphHarness;
  let reader: KafkaTransport;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    favourites = await startSubgraphHarness({ module: favouritesModule, config: {}, backend: 'postgres', transport: 'kafka' });
    reader = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('favourites-reader'), consumer: fastKafkaConsumer });
    await reader.subscribe({
      groupId: uniqueKafkaName('favourites-reader'),
      topics: [favouritesTopic],
      handler: async (envelope) => {
        received.push(envelope);
      },
    });
  });
  afterAll(async () => {
    await reader?.close();
    await favourites?.stop();
  });

  it('consumes product.created from Kafka and publishes wishlist.item-added to it', async () => {
    const productId = await catalog(favourites).create();
    const userId = randomUUID();
    const result = await favourites.call(AddToWishlistDocument, { productId }, customer(userId));
    const item = result.data!.addToWishlist.item!;

    await eventually(async () => received.some((envelope) => envelope.aggregateId === userId));
    const events = received.filter((envelope) => envelope.aggregateId === userId);
    expect(events.map((envelope) => wishlistItemAdded.parse(envelope).data)).toEqual([{ itemId: item.id, userId, productId, addedAt: item.addedAt }]);
  });
});
