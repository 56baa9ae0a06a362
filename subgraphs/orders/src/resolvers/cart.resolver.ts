import type { Resolvers } from '../__generated__/resolvers-types';
import { requireShopper } from '../services/cart-owner';
import type { CartReader } from '../services/cart-reader.service';
import { cartCurrency, itemCount, lineTotal, subtotal, unitPrice } from '../services/cart-view';

export function cartResolvers(reader: CartReader): Resolvers {
  return {
    Cart: {
      __resolveReference: (ref, context) => reader.byReference(context, ref.id),
      owner: (cart) => (cart.userId === null ? null : { id: cart.userId }),
      items: (cart) => cart.lines,
      lines: (cart) => cart.lines,
      subtotal: (cart) => subtotal(cart),
      itemCount: (cart) => itemCount(cart),
      currency: (cart) => cartCurrency(cart),
    },
    CartItem: {
      product: (line) => ({ id: line.productId }),
      variant: (line) => ({ id: line.variantId }),
      unitPrice: (line) => unitPrice(line),
      lineTotal: (line) => lineTotal(line),
    },
    CartLine: {
      lineId: (line) => line.id,
      unitPrice: (line) => unitPrice(line),
    },
    Query: {
      cart: (_parent, _args, context) => reader.openFor(requireShopper(context)),
    },
  };
}
