import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { orderStatuses, type OutboxRow } from '@shop/events';
import { orderStatusHistory, outbox } from '../db/schema';

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

  /** One query for a batch of orders, in order. */
  async forOrders(orderIds: readonly string[], db: Executor = this.db): Promise<StatusHistoryRecord[]> {
    if (orderIds.length === 0) return [];
    const rows = await db
      .select()
      .from(orderStatusHistory)
      .where(inArray(orderStatusHistory.orderId, [...orderIds]))
      .orderBy(asc(orderStatusHistory.orderId), asc(orderStatusHistory.position));
    return rows.map((row) => historyRow.parse(row));
  }

  async forOrder(orderId: string, db: Executor = this.db): Promise<StatusHistoryRecord[]> {
    const rows = await db.select().from(orderStatusHistory).where(eq(orderStatusHistory.orderId, orderId)).orderBy(asc(orderStatusHistory.position));
    return rows.map((row) => historyRow.parse(row));
  }
}

/** The next history entry of an order, as an insert returning its `position` (for a CTE). */
export const historyEntry = (orderId: string, status: string, reason: string | null, at: Date): SQL => sql`
  insert into ${orderStatusHistory} (order_id, position, status, reason, at)
  values (${orderId}, (select coalesce(max(position), 0) + 1 from orders.order_status_history where order_id = ${orderId}), ${status}, ${reason}, ${at.toISOString()}::timestamptz)
  returning position`;

/** Outbox rows as one multi-row insert (for a CTE); `events` is not empty. */
export const outboxInsert = (events: readonly OutboxRow[]): SQL => {
  const values = sql.join(
    events.map((row) => sql`(${row.id}::uuid, ${row.topic}, ${row.key}, ${row.type}, ${JSON.stringify(row.payload)}::jsonb)`),
    sql`, `,
  );
  return sql`insert into ${outbox} (id, topic, key, type, payload) values ${values}`;
};
