import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { favouritesModule } from '../src';
import { catalog, customer, outboxFor, userRef } from './helpers';
import { AddToWishlistDocument, ProductFavouriteCountsDocument, UserWishlistDocument } from './__generated__/graphql';

describe.each(sqlBackends)('product events on %s', (backend) => {
  let favourites: SubgraphHarness;
  let products: ReturnType<typeof catalog>;

  beforeAll(async () => {
    favourites = await startSubgraphHarness({ module: favouritesModule, config: {}, backend });
    products = catalog(favourites);
  });
  afterAll(() => favourites.stop());

  const add = async (userId: string, productId: string) => {
    const result = await favourites.call(AddToWishlistDocument, { productId }, customer(userId));
    const { item, errors } = result.data!.addToWishlist;
    return { item, errors: errors.map((error) => error.code) };
  };
  const totalCount = async (userId: string) =>
    entitiesOf('User', (await favourites.call(UserWishlistDocument, { representations: userRef(userId) }, customer(userId))).data!._entities)[0]!.wishlist
      .totalCount;

  it('product.created makes a product known, once however often it is delivered', async () => {
    const productId = `prod-${randomUUID()}`;
    expect((await add(randomUUID(), productId)).errors).toEqual(['UNKNOWN_PRODUCT']);
    await products.create(productId);
    const userId = randomUUID();
    expect((await add(userId, productId)).errors).toEqual([]);
    expect(await totalCount(userId)).toBe(1);
  });

  it('product.deleted takes the product off every wishlist; a redelivery changes nothing', async () => {
    const [keep, gone] = [await products.create(), await products.create()];
    const fans = [randomUUID(), randomUUID()];
    const items = await Promise.all(fans.map((fan) => add(fan, gone)));
    await Promise.all(fans.map((fan) => add(fan, keep)));
    const deleted = products.deleted(gone);
    await products.publish(deleted);
    await products.publish(deleted);

    for (const [i, fan] of fans.entries()) {
      expect(await totalCount(fan)).toBe(1);
      const removals = (await outboxFor(favourites, fan)).filter((event) => event.type === 'wishlist.item-removed');
      expect(removals.map((event) => event.data)).toEqual([{ itemId: items[i]!.item!.id, userId: fan, productId: gone, reason: 'product_deleted' }]);
    }
    const counts = await favourites.call(ProductFavouriteCountsDocument, { representations: [gone, keep].map((id) => ({ __typename: 'Product', id })) });
    expect(counts.data).toEqual({
      _entities: [
        { id: gone, favouriteCount: 0 },
        { id: keep, favouriteCount: 2 },
      ],
    });
    expect((await add(fans[0]!, gone)).errors).toEqual(['UNKNOWN_PRODUCT']);
  });
});
