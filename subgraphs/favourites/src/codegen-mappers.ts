/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { WishlistItemRecord } from './stores/wishlist.store';
import type { Connection } from '@shop/subgraph-kit';

export type { WishlistItemRecord as WishlistItemModel } from './stores/wishlist.store';
export type { WishlistResult as WishlistPayloadModel } from './services/wishlist.service';
export type WishlistConnectionModel = Connection<WishlistItemRecord>;
/** Entities owned elsewhere: favourites only ever holds their id. */
export type UserModel = { id: string };
export type ProductModel = { id: string };
