import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { favouritesModule } from '../src';
import { WishlistStore } from '../src/stores/wishlist.store';
import { admin, catalog, customer, outboxFor, userRef } from './helpers';
import {
  AddToWishlistDocument,
  ProductFavouriteCountsDocument,
  RemoveFromWishlistDocument,
  UserWishlistDocument,
  WishlistItemsDocument,
} from './__generated__/graphql';

describe.each(sqlBackends)('wishlists on %s', (backend) => {
  let favourites: SubgraphHarness;
  let products: ReturnType<typeof catalog>;

  beforeAll(async () => {
    favourites = await startSubgraphHarness({ module: favouritesModule, config: {}, backend });
    products = catalog(favourites);
  });
  afterAll(() => favourites.stop());

  const add = async (userId: string, productId: string) => (await favourites.call(AddToWishlistDocument, { productId }, customer(userId))).data!.addToWishlist;
  const remove = async (userId: string, productId: string) =>
    (await favourites.call(RemoveFromWishlistDocument, { productId }, customer(userId))).data!.removeFromWishlist;
  const wishlist = (userId: string, caller: { userId: string | null; roles: string[] }, variables: { first?: number; after?: string } = {}) =>
    favourites.call(UserWishlistDocument, { representations: userRef(userId), ...variables }, caller);
  const wishlistOf = async (userId: string, caller: { userId: string | null; roles: string[] }, variables: { first?: number; after?: string } = {}) =>
    entitiesOf('User', (await wishlist(userId, caller, variables)).data!._entities)[0]!.wishlist;

  it('adding twice keeps one item and returns it; the event is sent once', async () => {
    const [userId, productId] = [randomUUID(), await products.create()];
    const first = await add(userId, productId);
    expect(first).toEqual({ item: { id: expect.any(String), addedAt: expect.any(String), product: { id: productId, favouriteCount: 1 } }, errors: [] });
    expect(await add(userId, productId)).toEqual(first);
    const view = await wishlistOf(userId, customer(userId));
    expect(view.edges.map((edge) => edge.node)).toEqual([{ id: first.item!.id, product: { id: productId } }]);
    expect(await outboxFor(favourites, userId)).toEqual([
      { type: 'wishlist.item-added', data: { itemId: first.item!.id, userId, productId, addedAt: first.item!.addedAt } },
    ]);
  });

  it('removing returns the removed item, and removing again succeeds with no item', async () => {
    const [userId, productId] = [randomUUID(), await products.create()];
    const added = await add(userId, productId);
    expect(await remove(userId, productId)).toEqual({ item: { ...added.item, product: { id: productId, favouriteCount: 0 } }, errors: [] });
    expect(await remove(userId, productId)).toEqual({ item: null, errors: [] });
    expect((await wishlistOf(userId, customer(userId))).totalCount).toBe(0);
    expect((await outboxFor(favourites, userId)).map((event) => event.type)).toEqual(['wishlist.item-added', 'wishlist.item-removed']);
    expect((await outboxFor(favourites, userId))[1]!.data).toEqual({ itemId: added.item!.id, userId, productId, reason: 'removed' });
  });

  it('20 concurrent adds of one product by one user make exactly one item', async () => {
    const [userId, productId] = [randomUUID(), await products.create()];
    const results = await Promise.all(Array.from({ length: 20 }, () => add(userId, productId)));
    expect(new Set(results.map((result) => result.item?.id)).size).toBe(1);
    expect(results.every((result) => result.errors.length === 0)).toBe(true);
    expect((await wishlistOf(userId, customer(userId))).totalCount).toBe(1);
    expect(await outboxFor(favourites, userId)).toHaveLength(1);
  });

  it('resolves favouriteCount for 20 products with one query, exactly', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => products.create()));
    const fans = [randomUUID(), randomUUID(), randomUUID()];
    // Product i is saved by (i % 4) fans: 0, 1, 2, 3, 0, 1, ...
    await Promise.all(ids.flatMap((id, i) => fans.slice(0, i % 4).map((fan) => add(fan, id))));
    const spy = vi.spyOn(WishlistStore.prototype, 'favouriteCounts');
    try {
      const result = await favourites.call(ProductFavouriteCountsDocument, { representations: ids.map((id) => ({ __typename: 'Product', id })) });
      expect(result).toEqual({ data: { _entities: ids.map((id, i) => ({ id, favouriteCount: i % 4 })) } });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toEqual(ids);
    } finally {
      spy.mockRestore();
    }
  });

  it('pages newest first with opaque cursors', async () => {
    const userId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await products.create());
    for (const id of ids) await add(userId, id);
    const pages: Array<Awaited<ReturnType<typeof wishlistOf>>> = [];
    let after: string | undefined;
    do {
      const page = await wishlistOf(userId, customer(userId), { first: 2, ...(after ? { after } : {}) });
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : undefined;
    } while (after);
    expect(pages.map((page) => page.edges.map((edge) => edge.node.product.id))).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
    expect(pages.map((page) => [page.totalCount, page.pageInfo.hasNextPage, page.pageInfo.hasPreviousPage])).toEqual([
      [5, true, false],
      [5, true, true],
      [5, false, true],
    ]);
    expect(pages[0]!.pageInfo.startCursor).toBe(pages[0]!.edges[0]!.cursor);
    expect((await wishlistOf(userId, customer(userId))).edges).toHaveLength(5);
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT', async () => {
    const userId = randomUUID();
    const codes = async (variables: { first?: number; after?: string }) =>
      (await wishlist(userId, customer(userId), variables)).errors?.map((error) => [error.extensions?.code, error.message]);
    expect(await codes({ first: 101 })).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 100']]);
    expect(await codes({ first: -1 })).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 100']]);
    expect(await codes({ after: 'not-a-cursor' })).toEqual([['BAD_USER_INPUT', 'after is not a valid cursor']]);
  });

  it('keeps wishlists private: anonymous UNAUTHENTICATED, other users FORBIDDEN, admins allowed', async () => {
    const [owner, stranger, productId] = [randomUUID(), randomUUID(), await products.create()];
    const { item } = await add(owner, productId);
    const code = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.map((error) => error.extensions?.code);
    expect(code(await wishlist(owner, { userId: null, roles: [] }))).toEqual(['UNAUTHENTICATED']);
    expect(code(await wishlist(owner, customer(stranger)))).toEqual(['FORBIDDEN']);
    expect((await wishlistOf(owner, admin())).totalCount).toBe(1);
    const anonymous = await favourites.call(AddToWishlistDocument, { productId });
    expect(code(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(code(await favourites.call(RemoveFromWishlistDocument, { productId }))).toEqual(['UNAUTHENTICATED']);
    const representations = [{ __typename: 'WishlistItem', id: item!.id }];
    expect((await favourites.call(WishlistItemsDocument, { representations }, customer(stranger))).data).toEqual({ _entities: [null] });
    expect((await favourites.call(WishlistItemsDocument, { representations }, customer(owner))).data).toEqual({
      _entities: [{ id: item!.id, product: { id: productId } }],
    });
  });

  it('refuses products the catalog does not know with UNKNOWN_PRODUCT', async () => {
    const userId = randomUUID();
    const unknown = { item: null, errors: [{ code: 'UNKNOWN_PRODUCT', field: 'productId', message: 'No product with this id is in the catalog' }] };
    expect(await add(userId, `never-created-${randomUUID()}`)).toEqual(unknown);
    expect(await remove(userId, `never-created-${randomUUID()}`)).toEqual(unknown);
    expect(await add(userId, 'x'.repeat(201))).toEqual(unknown);
    expect(await outboxFor(favourites, userId)).toEqual([]);
  });
});
