import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { address, productQuantity } from '@shop/events';
import { shipments } from '../db/schema';

export const shipmentStatuses = ['PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

const statusChange = z.object({ status: z.enum(shipmentStatuses), at: z.iso.datetime({ offset: true }) });
export type StatusChangeRecord = z.infer<typeof statusChange>;

const shipmentRow = z.object({
  id: z.string().uuid(),
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  status: z.enum(shipmentStatuses),
  items: z.array(productQuantity),
  address,
  history: z.array(statusChange),
  createdAt: z.date(),
});
export type ShipmentRecord = z.infer<typeof shipmentRow>;
export type NewShipment = Pick<ShipmentRecord, 'orderId' | 'customerId' | 'carrier' | 'trackingNumber' | 'items' | 'address'>;

const columns = {
  id: shipments.id,
  orderId: shipments.orderId,
  customerId: shipments.customerId,
  carrier: shipments.carrier,
  trackingNumber: shipments.trackingNumber,
  status: shipments.status,
  items: shipments.items,
  address: shipments.address,
  history: shipments.history,
  createdAt: shipments.createdAt,
};
const parse = (rows: unknown[]) => rows.map((row) => shipmentRow.parse(row));

/** SQL for shipments. One per order; status changes are conditional updates, so racing writers cannot skip a step. */
export class ShipmentStore {
  constructor(private readonly db: Executor) {}

  /** The new shipment (PENDING), or null when the order already has one (the existing one is left alone). */
  async insertIfAbsent(fields: NewShipment, at: Date, db: Executor): Promise<ShipmentRecord | null> {
    const history: StatusChangeRecord[] = [{ status: 'PENDING', at: at.toISOString() }];
    const rows = await db
      .insert(shipments)
      .values({ ...fields, status: 'PENDING', history, createdAt: at, updatedAt: at })
      // Only the order key: a tracking-number collision must fail the transaction, not pass as "exists".
      .onConflictDoNothing({ target: shipments.orderId })
      .returning(columns);
    return parse(rows)[0] ?? null;
  }

  async findByIds(ids: readonly string[], db: Executor = this.db): Promise<ShipmentRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await db
        .select(columns)
        .from(shipments)
        .where(inArray(shipments.id, [...ids])),
    );
  }

  async findByOrderIds(orderIds: readonly string[], db: Executor = this.db): Promise<ShipmentRecord[]> {
    if (orderIds.length === 0) return [];
    return parse(
      await db
        .select(columns)
        .from(shipments)
        .where(inArray(shipments.orderId, [...orderIds])),
    );
  }

  /** Gives the order's shipment that `from` (a guest) holds to `to` (the customer who claimed the order). */
  async moveToCustomer(orderId: string, from: string, to: string, at: Date, db: Executor): Promise<void> {
    await db
      .update(shipments)
      .set({ customerId: to, updatedAt: at })
      .where(and(eq(shipments.orderId, orderId), eq(shipments.customerId, from)));
  }

  /**
   * Moves the shipment (by id or by order id) from `from` to `to`, appending to its history;
   * null when it is not in `from` (or does not exist).
   */
  async transition(
    where: { id: string } | { orderId: string },
    from: ShipmentStatus,
    to: ShipmentStatus,
    at: Date,
    db: Executor,
  ): Promise<ShipmentRecord | null> {
    const change: StatusChangeRecord[] = [{ status: to, at: at.toISOString() }];
    const match = 'id' in where ? eq(shipments.id, where.id) : eq(shipments.orderId, where.orderId);
    const rows = await db
      .update(shipments)
      .set({ status: to, history: sql`${shipments.history} || ${JSON.stringify(change)}::jsonb`, updatedAt: at })
      .where(and(match, eq(shipments.status, from)))
      .returning(columns);
    return parse(rows)[0] ?? null;
  }
}
