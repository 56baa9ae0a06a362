import type { Transact } from '@shop/db';
import { requireRole, type SubgraphContext, type PayloadFailure } from '@shop/subgraph-kit';
import { announceShipment } from '../events/shipment-events';
import type { ShipmentRecord, ShipmentStatus, ShipmentStore } from '../stores/shipment.store';

export type ShipmentErrorCode = 'NOT_FOUND' | 'INVALID_TRANSITION';
export type ShipmentFailure = PayloadFailure<ShipmentErrorCode>;
export type ShipmentResult = { shipment: ShipmentRecord; errors: [] } | { shipment: null; errors: ShipmentFailure[] };

/** The one step each status may take when an admin advances it; DELIVERED and CANCELLED are final. */
const nextStatus: Partial<Record<ShipmentStatus, ShipmentStatus>> = { PENDING: 'SHIPPED', SHIPPED: 'DELIVERED' };

/** Admin moves of a shipment through its carrier life, each announced to the rest of the shop. */
export class ShipmentService {
  constructor(
    private readonly shipments: ShipmentStore,
    private readonly transact: Transact,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * PENDING -> SHIPPED -> DELIVERED, publishing `shipment.shipped` / `shipment.delivered`. The
   * update is conditional on the status just read, so a concurrent cancel or advance wins cleanly
   * and this one reports INVALID_TRANSITION instead of skipping a step.
   */
  async advance(context: SubgraphContext, shipmentId: string): Promise<ShipmentResult> {
    requireRole(context, 'admin');
    return this.transact(async (tx) => {
      const [current] = await this.shipments.findByIds([shipmentId], tx);
      if (!current) return { shipment: null, errors: [{ code: 'NOT_FOUND', field: 'shipmentId', message: 'No shipment has this id' }] };
      const to = nextStatus[current.status];
      const moved = to ? await this.shipments.transition({ id: shipmentId }, current.status, to, this.now(), tx) : null;
      if (!moved) {
        const status = to ? 'changed meanwhile' : `is ${current.status}`;
        return { shipment: null, errors: [{ code: 'INVALID_TRANSITION', field: 'shipmentId', message: `The shipment ${status} and cannot advance` }] };
      }
      await announceShipment(tx, moved);
      return { shipment: moved, errors: [] };
    });
  }
}
