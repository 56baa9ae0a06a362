/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { Money } from './services/discount-engine';
import type { Connection } from '@shop/subgraph-kit';
import type { PromotionRecord } from './stores/promotion.store';

export type { PromotionRecord as PromotionModel } from './stores/promotion.store';
export type { PromotionResult as PromotionPayloadModel } from './services/promotion.service';
export type { PromotionQuoteResult as PromotionQuoteModel } from './services/quote.service';
export type PromotionConnectionModel = Connection<PromotionRecord>;
/** A product reference; `price` is present when the router sent it for `salePrice` (@requires). */
export interface ProductModel {
  id: string;
  price?: Money | null;
}
/** A variant reference; `price` is present when the router sent it for `salePrice` (@requires). */
export interface ProductVariantModel {
  id: string;
  price?: Money | null;
}
export type { CartDiscountResult as CartDiscountModel } from './services/cart-discount.service';
/** A promotion and what it took off (a quote, a cart or an order). */
export interface AppliedPromotionModel {
  promotion: PromotionRecord;
  discount: Money;
}
/** A cart reference with the fields the router sent for `discount` (@requires), unchecked until the service parses them. */
export interface CartModel {
  id: string;
  [field: string]: unknown;
}
/** A coupon that does not apply, and why (the engine's rejection). */
export type { CouponRejection as CouponRejectionModel, CouponRejection as RejectedCouponModel } from '@shop/discounts';
