import { ownsOrAdmin, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { ShipmentRecord, ShipmentStore } from '../stores/shipment.store';

/**
 * Reads shipments for GraphQL, batched per request, and decides who sees them: the order's
 * customer and admins. Anyone else gets null, so a shipment's existence does not leak.
 */
export class ShipmentReader {
  constructor(private readonly shipments: ShipmentStore) {}

  canSee(context: SubgraphContext, shipment: ShipmentRecord): boolean {
    return ownsOrAdmin(context, shipment.customerId);
  }

  private visible(context: SubgraphContext, shipment: ShipmentRecord | null | undefined): ShipmentRecord | null {
    return shipment && this.canSee(context, shipment) ? shipment : null;
  }

  async byId(context: SubgraphContext, id: string): Promise<ShipmentRecord | null> {
    return this.visible(
      context,
      await rowByKey(
        context,
        'shipments.byId',
        (ids) => this.shipments.findByIds(ids),
        (row) => row.id,
      ).load(id),
    );
  }

  /** The order's shipment (one query for all orders of an `_entities` call). */
  async forOrder(context: SubgraphContext, orderId: string): Promise<ShipmentRecord | null> {
    return this.visible(
      context,
      await rowByKey(
        context,
        'shipments.byOrderId',
        (ids) => this.shipments.findByOrderIds(ids),
        (row) => row.orderId,
      ).load(orderId),
    );
  }
}
