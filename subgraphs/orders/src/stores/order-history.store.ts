import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { orderStatuses } from '@shop/events';
import { orderStatusHistory } from '../db/schema';

const historyRow = z.object({
  orderId: z.string().uuid(),
  position: z.number().int(),
  status: z.enum(orderStatuses),
  reason: z.string().nullable(),
  at: z.date(),
});
export type StatusHistoryRecord = z.infer<typeof historyRow>;

/** SQL for an order's status history; positions count 1, 2, ... per order. */
export class OrderHistoryStore {
  constructor(private readonly db: Executor) {}

  /** Appends the next entry; the caller holds the order's row lock, so positions never collide. */
  async append(orderId: string, status: string, reason: string | null, db: Executor): Promise<StatusHistoryRecord> {
    const position = sql`(select coalesce(max(position), 0) + 1 from orders.order_status_history where order_id = ${orderId})`;
    const [row] = await db.insert(orderStatusHistory).values({ orderId, position, status, reason }).returning(); // order_status_history.append
    return historyRow.parse(row);
  }

  /** One query for a batch of orders, in order. */
  async forOrders(orderIds: readonly string[], db: Executor = this.db): Promise<StatusHistoryRecord[]> {
    if (orderIds.length === 0) return [];
    const rows = await db
      .select()
      .from(orderStatusHistory)
      .where(inArray(orderStatusHistory.orderId, [...orderIds]))
      .orderBy(asc(orderStatusHistory.orderId), asc(orderStatusHistory.position)); // order_status_history.forOrders
    return rows.map((row) => historyRow.parse(row));
  }

  async forOrder(orderId: string, db: Executor = this.db): Promise<StatusHistoryRecord[]> {
    const rows = await db.select().from(orderStatusHistory).where(eq(orderStatusHistory.orderId, orderId)).orderBy(asc(orderStatusHistory.position)); // order_status_history.forOrder
    return rows.map((row) => historyRow.parse(row));
  }
}
