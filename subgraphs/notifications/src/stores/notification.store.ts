import { and, count, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { notificationKinds, notifications, type NotificationKind } from '../db/schema';

export const notificationRecord = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  recipientId: z.string().min(1),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  orderId: z.string().min(1),
  readAt: z.coerce.date().nullable(),
  createdAt: z.coerce.date(),
});
export type NotificationRecord = z.infer<typeof notificationRecord>;

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  orderId: string;
  /** The consumed event this notification was made from: one notification per event. */
  sourceEventId: string;
}

const columns = {
  id: notifications.id,
  seq: notifications.seq,
  recipientId: notifications.recipientId,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  orderId: notifications.orderId,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

const parse = (rows: unknown[]): NotificationRecord[] => rows.map((row) => notificationRecord.parse(row));

const scope = (recipientId: string, unreadOnly: boolean): SQL =>
  unreadOnly ? and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt))! : eq(notifications.recipientId, recipientId);

/** SQL for notifications; the unique source event id is what makes consuming an event idempotent. */
export class NotificationStore {
  constructor(private readonly db: Executor) {}

  /** Null when a notification for this event already exists (a redelivered event). */
  async insert(input: NewNotification, db: Executor): Promise<NotificationRecord | null> {
    const rows = await db.insert(notifications).values(input).onConflictDoNothing({ target: notifications.sourceEventId }).returning(columns);
    return parse(rows)[0] ?? null;
  }

  /** One round trip for a whole batch (DataLoader); unknown ids are simply absent. */
  async findByIds(ids: readonly string[]): Promise<NotificationRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await this.db
        .select(columns)
        .from(notifications)
        .where(inArray(notifications.id, [...ids])),
    );
  }

  /** Newest first, strictly before `beforeSeq` (the keyset of the previous page) when given. */
  async page(recipientId: string, unreadOnly: boolean, beforeSeq: number | null, limit: number): Promise<NotificationRecord[]> {
    const where = beforeSeq === null ? scope(recipientId, unreadOnly) : and(scope(recipientId, unreadOnly), lt(notifications.seq, beforeSeq));
    return parse(await this.db.select(columns).from(notifications).where(where).orderBy(desc(notifications.seq)).limit(limit));
  }

  async count(recipientId: string, unreadOnly: boolean, db: Executor = this.db): Promise<number> {
    const [row] = await db.select({ n: count() }).from(notifications).where(scope(recipientId, unreadOnly));
    return row?.n ?? 0;
  }

  /** Unread notifications of a whole batch of recipients in one query; recipients with none are absent. */
  async unreadCounts(recipientIds: readonly string[]): Promise<Map<string, number>> {
    if (recipientIds.length === 0) return new Map();
    const rows = await this.db
      .select({ recipientId: notifications.recipientId, n: count() })
      .from(notifications)
      .where(and(inArray(notifications.recipientId, [...recipientIds]), isNull(notifications.readAt)))
      .groupBy(notifications.recipientId);
    return new Map(rows.map((row) => [row.recipientId, row.n]));
  }

  /**
   * Marks the recipient's unread notifications read: those among `ids`, or all of them when `ids`
   * is null. The recipient condition means ids of anyone else's notifications never match.
   * Returns how many changed (already read ones do not).
   */
  async markRead(recipientId: string, ids: readonly string[] | null, db: Executor): Promise<number> {
    if (ids !== null && ids.length === 0) return 0;
    const mine = and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt));
    const rows = await db
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(ids === null ? mine : and(mine, inArray(notifications.id, [...ids])))
      .returning({ id: notifications.id });
    return rows.length;
  }
}
