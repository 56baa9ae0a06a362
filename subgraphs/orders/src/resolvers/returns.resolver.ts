import { notFound, requireUuid } from '@shop/subgraph-kit';
import { requireShopper } from '../services/cart-owner';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { OrderReader } from '../services/order-reader.service';
import type { Returns } from '../services/create-returns';
import type { ReturnStatusChange } from '../services/return-status-feed';

/** Returns' fields on Order, their queries, mutations and subscription: thin, the services decide. */
export function returnResolvers({ service, reader, feed }: Returns, orders: OrderReader): Resolvers {
  return {
    Order: {
      returns: (order, _args, context) => reader.forOrder(context, order.id),
    },
    Return: {
      order: async (ret, _args, context) => {
        const order = await orders.byId(context, ret.orderId);
        if (!order) throw new Error(`orders: order ${ret.orderId} of return ${ret.id} is not readable`);
        return order;
      },
      refund: (ret) => ({ amount: ret.refundAmount, currency: ret.currency }),
      statusHistory: (ret, _args, context) => reader.statusHistory(context, ret.id),
    },
    ReturnLine: {
      product: (line) => ({ id: line.productId }),
      variant: (line) => ({ id: line.variantId }),
    },
    ReturnStatusChange: {
      return: async (change, _args, context) => {
        const ret = await reader.current(context, change.returnId);
        if (!ret) throw new Error(`orders: return ${change.returnId} vanished`);
        return ret;
      },
    },
    Query: {
      return: (_parent, { id }, context) => reader.byId(context, requireUuid(id)),
      returns: (_parent, { status, first }, context) => reader.byStatus(context, status, first),
    },
    Mutation: {
      requestReturn: (_parent, { input }, context) => {
        requireShopper(context);
        return service.request(context, {
          orderId: requireUuid(input.orderId, 'orderId'),
          lines: input.lines.map((line) => ({ lineId: line.lineId, quantity: line.quantity })),
          reason: input.reason,
        });
      },
      approveReturn: (_parent, { returnId, note }, context) => service.approve(context, requireUuid(returnId, 'returnId'), note),
      rejectReturn: (_parent, { returnId, note }, context) => service.reject(context, requireUuid(returnId, 'returnId'), note),
      markReturnReceived: (_parent, { returnId }, context) => service.markReceived(context, requireUuid(returnId, 'returnId')),
    },
    Subscription: {
      returnStatusChanged: {
        subscribe: async (_parent, { returnId }, context) => {
          requireShopper(context);
          const ret = await reader.current(context, requireUuid(returnId, 'returnId'));
          if (!ret) throw notFound('No such return');
          return feed.subscribe(ret.id);
        },
        resolve: (change: ReturnStatusChange) => change,
      },
    },
  };
}
