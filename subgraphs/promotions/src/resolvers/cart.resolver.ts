import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartDiscountService } from '../services/cart-discount.service';

export function cartResolvers(carts: CartDiscountService): Resolvers {
  return {
    Cart: {
      // No query here: every cart of the request is discounted together by `discount`.
      __resolveReference: (ref) => ref,
      discount: (cart, _args, context) => carts.forCart(context, cart),
    },
    AppliedPromotion: {
      promotionId: (applied) => applied.promotion.id,
      name: (applied) => applied.promotion.name,
      amount: (applied) => applied.discount,
      couponCode: (applied) => applied.promotion.couponCode,
    },
  };
}
