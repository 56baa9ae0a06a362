import type { Resolvers } from '../__generated__/resolvers-types';
import type { Shipping } from '../shipping';

/** Cart is owned by orders; the representation (id + the `@requires` fields) is all shipping needs. */
export function cartResolvers({ carts }: Shipping): Resolvers {
  return {
    Cart: {
      __resolveReference: (ref) => ref,
      shippingOptions: (cart, _args, context) => carts.options(context, cart),
      shippingCost: (cart, _args, context) => carts.cost(context, cart),
      shippingMethod: (cart, _args, context) => carts.method(context, cart),
    },
    ShippingOption: {
      id: (option) => option.rate.id,
      carrier: (option) => option.rate.carrier,
      name: (option) => option.rate.name,
      estimatedDays: (option) => option.rate.estimatedDays,
      cost: (option) => ({ amount: option.cost, currency: option.currency }),
    },
  };
}
