/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
export type { CartView as CartModel } from './services/cart-view';
export type { CartLineRecord as CartItemModel, CartLineRecord as CartLineModel } from './stores/cart-item.store';
export type { StoredAddress as CartAddressModel } from './db/schema';
export type { CartResult as CartPayloadModel } from './services/cart.service';
export type { CartFailure as CartErrorModel } from './services/cart-input';
export type { OrderRecord as OrderModel } from './stores/order.store';
export type { OrderResult as OrderPayloadModel } from './services/order.service';
export type { OrderFailure as OrderErrorModel } from './services/order-input';
export type { StatusChange as OrderStatusChangeModel } from './services/order-status-feed';
import type { Connection } from '@shop/subgraph-kit';
import type { StoredAppliedPromotion, StoredOrderLine } from './db/schema';
import type { OrderRecord } from './stores/order.store';

/** An order line with its order's currency (for Money fields). */
export type OrderLineModel = StoredOrderLine & { currency: string };
export type OrderPromotionModel = StoredAppliedPromotion & { currency: string };
export type OrderConnectionModel = Connection<OrderRecord>;
export type OrderEdgeModel = OrderConnectionModel['edges'][number];

/** A product reference, resolved by the products subgraph. */
export interface ProductModel {
  id: string;
}

/** A user reference, resolved by the users subgraph. */
export interface UserModel {
  id: string;
}
/** A coupon that did not price the order, and why. */
export type { CouponRejection as CouponRejectionModel } from '@shop/discounts';
export type { ReturnRecord as ReturnModel } from './stores/return.store';
export type { ReturnResult as ReturnPayloadModel } from './services/return.service';
export type { ReturnFailure as ReturnErrorModel } from './services/return-input';
export type { ReturnStatusChange as ReturnStatusChangeModel } from './services/return-status-feed';
export type { StoredReturnLine as ReturnLineModel } from './db/returns-schema';
