import DataLoader from 'dataloader';
import { perRequest, type SubgraphContext } from '@shop/subgraph-kit';
import type { ShipmentRecord, ShipmentStore } from '../stores/shipment.store';

/**
 * Reads shipments for GraphQL, batched per request, and decides who sees them: the order's
 * customer and admins. Anyone else gets null, so a shipment's existence does not leak.
 */
export class ShipmentReader {
  constructor(private readonly shipments: ShipmentStore) {}

  canSee(context: SubgraphContext, shipment: ShipmentRecord): boolean {
    const viewer = context.viewer;
    return viewer !== null && (viewer.userId === shipment.customerId || viewer.roles.includes('admin'));
  }

  private visible(context: SubgraphContext, shipment: ShipmentRecord | null | undefined): ShipmentRecord | null {
    return shipment && this.canSee(context, shipment) ? shipment : null;
  }

  async byId(context: SubgraphContext, id: string): Promise<ShipmentRecord | null> {
    const loader = perRequest(
      context,
      'shipments.byId',
      () =>
        new DataLoader<string, ShipmentRecord | null>(async (ids) => {
          const byId = new Map((await this.shipments.findByIds(ids)).map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
    return this.visible(context, await loader.load(id));
  }

  /** The order's shipment (one query for all orders of an `_entities` call). */
  async forOrder(context: SubgraphContext, orderId: string): Promise<ShipmentRecord | null> {
    const loader = perRequest(
      context,
      'shipments.byOrderId',
      () =>
        new DataLoader<string, ShipmentRecord | null>(async (orderIds) => {
          const byOrder = new Map((await this.shipments.findByOrderIds(orderIds)).map((row) => [row.orderId, row]));
          return orderIds.map((orderId) => byOrder.get(orderId) ?? null);
        }),
    );
    return this.visible(context, await loader.load(orderId));
  }
}
