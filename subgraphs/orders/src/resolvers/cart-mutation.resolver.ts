import { requireUuid, requireViewer } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartService } from '../services/cart.service';

export function cartMutationResolvers(carts: CartService): Resolvers {
  return {
    Mutation: {
      addToCart: (_parent, { variantId, productId, quantity }, context) => carts.addToCart(requireViewer(context).userId, { variantId, productId }, quantity),
      updateCartItem: (_parent, { itemId, quantity }, context) =>
        carts.updateCartItem(requireViewer(context).userId, requireUuid(itemId, 'itemId'), quantity),
      removeCartItem: (_parent, { itemId }, context) => carts.removeCartItem(requireViewer(context).userId, requireUuid(itemId, 'itemId')),
      setShippingAddress: (_parent, { input }, context) => carts.setShippingAddress(requireViewer(context).userId, input),
      applyCouponCode: (_parent, { code }, context) => carts.applyCouponCode(requireViewer(context).userId, code),
      removeCouponCode: (_parent, _args, context) => carts.removeCouponCode(requireViewer(context).userId),
      setShippingMethod: (_parent, { cartId, optionId }, context) =>
        carts.setShippingMethod(requireViewer(context).userId, requireUuid(cartId, 'cartId'), requireUuid(optionId, 'optionId')),
    },
  };
}
