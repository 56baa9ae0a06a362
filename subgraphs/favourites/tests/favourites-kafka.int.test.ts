import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { favouritesTopic, wishlistItemAdded } from '@shop/events';
import { eventually, startKafkaReader, startSubgraphHarness, type KafkaReader, type SubgraphHarness } from '@shop/testkit';
import { favouritesModule } from '../src';
import { catalog, customer } from './helpers';
import { AddToWishlistDocument } from './__generated__/graphql';

/** Services mode: product events arrive over real Kafka, wishlist events leave over it. */
describe('favourites on PostgreSQL + Kafka', () => {
  let favourites: SubgraphHarness;
  let reader: KafkaReader;

  beforeAll(async () => {
    favourites = await startSubgraphHarness({ module: favouritesModule, config: {}, backend: 'postgres', transport: 'kafka' });
    reader = await startKafkaReader('favourites-reader', [favouritesTopic]);
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

    await eventually(async () => reader.received.some((envelope) => envelope.aggregateId === userId));
    const events = reader.received.filter((envelope) => envelope.aggregateId === userId);
    expect(events.map((envelope) => wishlistItemAdded.parse(envelope).data)).toEqual([{ itemId: item.id, userId, productId, addedAt: item.addedAt }]);
  });
});
