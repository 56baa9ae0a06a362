import { notFound, requireUuid, requireViewer } from '@shop/subgraph-kit';
import { requireShopper } from '../services/cart-owner';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { OrderReader } from '../services/order-reader.service';
import type { OrderStatusFeed, StatusChange } from '../services/order-status-feed';
import type { GuestOrderClaim } from '../services/guest-order-claim';
import type { OrderService } from '../services/order.service';

export function orderMutationResolvers(service: OrderService, reader: OrderReader, feed: OrderStatusFeed, guestOrders: GuestOrderClaim): Resolvers {
  return {
    Mutation: {
      placeOrder: (_parent, { cartId, idempotencyKey, paymentToken, contactEmail }, context) =>
        service.placeOrder(requireShopper(context), { cartId: requireUuid(cartId, 'cartId'), idempotencyKey, paymentToken, contactEmail }),
      claimGuestOrders: (_parent, _args, context) => guestOrders.claim(requireViewer(context)),
      cancelOrder: (_parent, { orderId, reason }, context) => {
        requireShopper(context);
        return service.cancelOrder(context, requireUuid(orderId, 'orderId'), reason);
      },
    },
    Subscription: {
      orderStatusChanged: {
        subscribe: async (_parent, { orderId }, context) => {
          requireShopper(context);
          const order = await reader.current(context, requireUuid(orderId, 'orderId'));
          if (!order) throw notFound('No such order');
          return feed.subscribe(order.id);
        },
        resolve: (change: StatusChange) => change,
      },
    },
  };
}
