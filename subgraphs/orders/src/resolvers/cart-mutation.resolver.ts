import { GraphQLError } from 'graphql';
import { CART_TOKEN_HEADER, requireUuid, requireViewer } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { cartOwnerOf, requireShopper } from '../services/cart-owner';
import type { CartService } from '../services/cart.service';
import type { GuestCartMerger } from '../services/guest-cart-merge';

const noCartToken = () =>
  new GraphQLError(`Send the guest cart's token in the ${CART_TOKEN_HEADER} header to merge it`, { extensions: { code: 'BAD_USER_INPUT' } });

export function cartMutationResolvers(carts: CartService, guestCarts: GuestCartMerger): Resolvers {
  return {
    Mutation: {
      addToCart: (_parent, { variantId, productId, quantity }, context) => carts.addToCart(cartOwnerOf(context), { variantId, productId }, quantity),
      updateCartItem: (_parent, { itemId, quantity }, context) => carts.updateCartItem(requireShopper(context), requireUuid(itemId, 'itemId'), quantity),
      removeCartItem: (_parent, { itemId }, context) => carts.removeCartItem(requireShopper(context), requireUuid(itemId, 'itemId')),
      setShippingAddress: (_parent, { input }, context) => carts.setShippingAddress(requireShopper(context), input),
      applyCouponCode: (_parent, { code }, context) => carts.applyCouponCode(requireShopper(context), code),
      removeCouponCode: (_parent, _args, context) => carts.removeCouponCode(requireShopper(context)),
      setShippingMethod: (_parent, { cartId, optionId }, context) =>
        carts.setShippingMethod(requireShopper(context), requireUuid(cartId, 'cartId'), requireUuid(optionId, 'optionId')),
      mergeGuestCart: (_parent, _args, context) => {
        const viewer = requireViewer(context);
        if (!context.guestKey) throw noCartToken();
        return guestCarts.merge(viewer.userId, context.guestKey);
      },
    },
  };
}
