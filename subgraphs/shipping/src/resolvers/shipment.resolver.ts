import { requireUuid } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Shipping } from '../shipping';

export function shipmentResolvers({ shipments, reader }: Shipping): Resolvers {
  return {
    Shipment: {
      __resolveReference: (ref, context) => reader.byId(context, requireUuid(ref.id)),
      order: (shipment) => ({ id: shipment.orderId }),
    },
    ShipmentItem: {
      product: (item) => ({ id: item.productId }),
    },
    Order: {
      __resolveReference: (ref) => ({ id: ref.id }),
      shipment: (order, _args, context) => reader.forOrder(context, order.id),
    },
    Query: {
      shipment: (_parent, { id }, context) => reader.byId(context, requireUuid(id)),
    },
    Mutation: {
      advanceShipment: (_parent, { shipmentId }, context) => shipments.advance(context, requireUuid(shipmentId, 'shipmentId')),
    },
  };
}
