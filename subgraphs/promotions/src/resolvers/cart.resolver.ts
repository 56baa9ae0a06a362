import { couponErrorCode, couponRejectionMessage } from '@shop/discounts';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartDiscountService } from '../services/cart-discount.service';

export function cartResolvers(carts: CartDiscountService): Resolvers {
  return {
    Cart: {
      // No query here: every cart of the request is discounted together by `discount`.
      __resolveReference: (ref) => ref,
      discount: (cart, _args, context) => carts.forCart(context, cart),
      appliedPromotions: async (cart, _args, context) => (await carts.forCart(context, cart))?.promotions ?? [],
      couponRejection: (cart, _args, context) => carts.couponRejection(context, cart),
    },
    CouponRejection: {
      couponCode: (rejection) => rejection.code,
      code: (rejection) => couponErrorCode[rejection.reason],
      message: (rejection) => couponRejectionMessage(rejection),
      missingAmount: (rejection) => rejection.missing,
    },
    RejectedCoupon: {
      message: (rejection) => couponRejectionMessage(rejection),
      missingAmount: (rejection) => rejection.missing,
    },
    AppliedPromotion: {
      promotionId: (applied) => applied.promotion.id,
      name: (applied) => applied.promotion.name,
      amount: (applied) => applied.discount,
      couponCode: (applied) => applied.promotion.couponCode,
    },
  };
}
