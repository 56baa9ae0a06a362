import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartTaxService } from '../services/cart-tax.service';
import type { OrderTax } from '../services/order-tax';
import type { OrderTaxService } from '../services/order-tax.service';

/** Tax lines carry the currency of their cart or order, so `amount` can be a Money. */
const withCurrency = (tax: { currency: string; lines: OrderTax['lines'] }) => tax.lines.map((line) => ({ ...line, currency: tax.currency }));

export function cartTaxResolvers(carts: CartTaxService, orders: OrderTaxService): Resolvers {
  return {
    Cart: {
      // No query here: every cart of the request is taxed together by `tax`.
      __resolveReference: (ref) => ref,
      tax: (cart, _args, context) => carts.forCart(context, cart),
      total: (cart, _args, context) => carts.totalOf(context, cart),
    },
    CartTax: {
      total: (tax) => ({ amount: tax.total, currency: tax.currency }),
      lines: (tax) => withCurrency(tax),
    },
    TaxLine: {
      amount: (line) => ({ amount: line.amount, currency: line.currency }),
    },
    Order: {
      __resolveReference: (ref) => ({ id: ref.id }),
      taxLines: async (order, _args, context) => {
        const tax = await orders.linesOf(context, order.id);
        return tax ? withCurrency(tax) : [];
      },
    },
  };
}
