/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { WishlistItemRecord } from './stores/wishlist.store';
import type { Page } from './services/pagination';

export type { WishlistItemRecord as WishlistItemModel } from './stores/wishlist.store';
export type { WishlistResult as WishlistPayloadModel } from './services/wishlist.service';
export type WishlistConnectionModel = Page<WishlistItemRecord>;
/** Entities owned elsewhere: favourites only ever holds their id. */
export type UserModel = { id: string };
export type ProductModel = { id: string };
