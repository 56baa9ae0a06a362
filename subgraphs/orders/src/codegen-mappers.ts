/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
export type { CartView as CartModel } from './services/cart-view';
export type { CartLineRecord as CartItemModel, CartLineRecord as CartLineModel } from './stores/cart-item.store';
export type { StoredAddress as CartAddressModel } from './db/schema';
export type { CartResult as CartPayloadModel } from './services/cart.service';
export type { CartFailure as CartErrorModel } from './services/cart-input';

/** A product reference, resolved by the products subgraph. */
export interface ProductModel {
  id: string;
}

/** A user reference, resolved by the users subgraph. */
export interface UserModel {
  id: string;
}
