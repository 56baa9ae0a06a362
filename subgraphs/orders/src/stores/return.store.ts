import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { returnStatuses, type ReturnStatus } from '@shop/events';
import { returnStatusHistory, returns, type StoredReturnLine } from '../db/returns-schema';

const returnRow = z.object({
  id: z.string().uuid(),
  orderId: z.string().uuid(),
  customerId: z.string().min(1),
  status: z.enum(returnStatuses),
  reason: z.string(),
  note: z.string().nullable(),
  lines: z.array(z.object({ lineId: z.string(), productId: z.string(), variantId: z.string(), productName: z.string(), quantity: z.number().int().min(1) })),
  refundAmount: z.number().int().min(0),
  currency: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ReturnRecord = z.infer<typeof returnRow>;

const historyRow = z.object({
  returnId: z.string().uuid(),
  position: z.number().int(),
  status: z.enum(returnStatuses),
  note: z.string().nullable(),
  at: z.date(),
});
export type ReturnHistoryRecord = z.infer<typeof historyRow>;

export interface NewReturn {
  orderId: string;
  customerId: string;
  reason: string;
  lines: StoredReturnLine[];
  refundAmount: number;
  currency: string;
}

const parse = (rows: unknown[]) => rows.map((row) => returnRow.parse(row));

/** SQL for returns and their status history; rows are parsed at the boundary. */
export class ReturnStore {
  constructor(private readonly db: Executor) {}

  async insert(request: NewReturn, db: Executor): Promise<ReturnRecord> {
    const [row] = await db
      .insert(returns)
      .values({ ...request, status: 'REQUESTED' })
      .returning();
    return returnRow.parse(row);
  }

  /** The return's row locked until commit (callers lock its order first). */
  async lock(id: string, db: Executor): Promise<ReturnRecord | null> {
    return parse(await db.select().from(returns).where(eq(returns.id, id)).for('update'))[0] ?? null;
  }

  async findByIds(ids: readonly string[], db: Executor = this.db): Promise<ReturnRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await db
        .select()
        .from(returns)
        .where(inArray(returns.id, [...ids])),
    );
  }

  /** Every return of these orders, oldest first per order: one query for a whole request. */
  async forOrders(orderIds: readonly string[], db: Executor = this.db): Promise<ReturnRecord[]> {
    if (orderIds.length === 0) return [];
    const rows = await db
      .select()
      .from(returns)
      .where(inArray(returns.orderId, [...orderIds]))
      .orderBy(asc(returns.orderId), asc(returns.createdAt), asc(returns.id));
    return parse(rows);
  }

  /** The newest returns in a status, for the admin's work list. */
  async byStatus(status: ReturnStatus, limit: number, db: Executor = this.db): Promise<ReturnRecord[]> {
    return parse(await db.select().from(returns).where(eq(returns.status, status)).orderBy(desc(returns.createdAt)).limit(limit));
  }

  async update(id: string, changes: Partial<Pick<ReturnRecord, 'status' | 'note' | 'refundAmount'>>, db: Executor): Promise<ReturnRecord> {
    const [row] = await db
      .update(returns)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(returns.id, id))
      .returning();
    return returnRow.parse(row);
  }

  /** Appends the next history entry; the caller holds the order's row lock, so positions never collide. */
  async appendHistory(returnId: string, status: ReturnStatus, note: string | null, at: Date, db: Executor): Promise<ReturnHistoryRecord> {
    const position = sql`(select coalesce(max(position), 0) + 1 from orders.return_status_history where return_id = ${returnId})`;
    const [row] = await db.insert(returnStatusHistory).values({ returnId, position, status, note, at }).returning();
    return historyRow.parse(row);
  }

  async historyFor(returnIds: readonly string[], db: Executor = this.db): Promise<ReturnHistoryRecord[]> {
    if (returnIds.length === 0) return [];
    const rows = await db
      .select()
      .from(returnStatusHistory)
      .where(inArray(returnStatusHistory.returnId, [...returnIds]))
      .orderBy(asc(returnStatusHistory.returnId), asc(returnStatusHistory.position));
    return rows.map((row) => historyRow.parse(row));
  }
}
