import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { orderTaxes } from '../db/schema';

const orderTaxRow = z.object({
  orderId: z.string(),
  customerId: z.string(),
  currency: z.string().length(3),
  total: z.number().int().min(0),
  lines: z.array(z.object({ lineId: z.string(), name: z.string(), rateBasisPoints: z.number().int().min(0), amount: z.number().int().min(0) })),
});
export type OrderTaxRecord = z.infer<typeof orderTaxRow>;

const columns = {
  orderId: orderTaxes.orderId,
  customerId: orderTaxes.customerId,
  currency: orderTaxes.currency,
  total: orderTaxes.total,
  lines: orderTaxes.lines,
};

/** SQL for the tax orders were charged. */
export class OrderTaxStore {
  constructor(private readonly db: Executor) {}

  /** A new request for the same order (orders asked again) replaces the earlier answer. */
  async save(record: OrderTaxRecord, db: Executor): Promise<void> {
    const { orderId: _orderId, ...values } = record;
    await db
      .insert(orderTaxes)
      .values(record)
      .onConflictDoUpdate({ target: orderTaxes.orderId, set: { ...values, updatedAt: new Date() } });
  }

  async findByOrderIds(orderIds: readonly string[]): Promise<OrderTaxRecord[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.db
      .select(columns)
      .from(orderTaxes)
      .where(inArray(orderTaxes.orderId, [...orderIds]));
    return rows.map((row) => orderTaxRow.parse(row));
  }
}
