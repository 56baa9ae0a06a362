import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { reservationItems, reservations } from '../db/schema';

const reservationRow = z.object({
  id: z.string().uuid(),
  orderId: z.string(),
  status: z.enum(['active', 'committed', 'released', 'expired', 'restocked']),
  expiresAt: z.date(),
  createdAt: z.date(),
  settledAt: z.date().nullable(),
});
const itemRow = z.object({ reservationId: z.string().uuid(), variantId: z.string(), productId: z.string(), quantity: z.number().int().positive() });

export type ReservationRow = z.infer<typeof reservationRow>;
export type ReservationStatus = ReservationRow['status'];
export type ReservationItem = z.infer<typeof itemRow>;

const parseReservations = (rows: unknown[]) => rows.map((row) => reservationRow.parse(row));
const parseItems = (rows: unknown[]) => rows.map((row) => itemRow.parse(row));

/**
 * SQL for reservations. A reservation leaves `active` only through a conditional UPDATE on
 * `status = 'active'`, so of two concurrent settlements exactly one gets the row back.
 */
export class ReservationStore {
  constructor(private readonly db: Executor) {}

  /** Null when the id is taken (a retried or concurrent reserve with the same reservation id). */
  async insert(reservation: { id: string; orderId: string; expiresAt: Date }, db: Executor): Promise<ReservationRow | null> {
    const rows = await db.insert(reservations).values(reservation).onConflictDoNothing().returning();
    return parseReservations(rows)[0] ?? null;
  }

  async insertItems(items: ReservationItem[], db: Executor): Promise<void> {
    if (items.length > 0) await db.insert(reservationItems).values(items);
  }

  async find(id: string, db: Executor = this.db): Promise<ReservationRow | null> {
    return parseReservations(await db.select().from(reservations).where(eq(reservations.id, id)))[0] ?? null;
  }

  /** Items of several reservations, in variant-id order (the lock order every writer follows). */
  async itemsOf(reservationIds: readonly string[], db: Executor = this.db): Promise<ReservationItem[]> {
    if (reservationIds.length === 0) return [];
    const rows = await db
      .select({
        reservationId: reservationItems.reservationId,
        variantId: reservationItems.variantId,
        productId: reservationItems.productId,
        quantity: reservationItems.quantity,
      })
      .from(reservationItems)
      .where(inArray(reservationItems.reservationId, [...reservationIds]))
      .orderBy(asc(reservationItems.variantId));
    return parseItems(rows);
  }

  /**
   * Moves a reservation from `from` (an active one by default) to `status`; `liveAt` additionally
   * requires it not to have expired by then. Null when it was not in `from` (or had expired).
   */
  async settle(
    id: string,
    status: Exclude<ReservationStatus, 'active'>,
    now: Date,
    db: Executor,
    liveAt?: Date,
    from: ReservationStatus = 'active',
  ): Promise<ReservationRow | null> {
    const rows = await db
      .update(reservations)
      .set({ status, settledAt: now })
      .where(and(eq(reservations.id, id), eq(reservations.status, from), liveAt ? gt(reservations.expiresAt, liveAt) : undefined))
      .returning();
    return parseReservations(rows)[0] ?? null;
  }

  /**
   * Expires up to `limit` active reservations past their expiry. SKIP LOCKED lets concurrent
   * sweepers split the work instead of queueing, and the status condition of the outer UPDATE
   * makes sure a reservation is claimed by one of them only.
   */
  async claimExpired(now: Date, limit: number, db: Executor): Promise<ReservationRow[]> {
    const due = db
      .select({ id: reservations.id })
      .from(reservations)
      .where(and(eq(reservations.status, 'active'), lte(reservations.expiresAt, now)))
      .orderBy(asc(reservations.expiresAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const rows = await db
      .update(reservations)
      .set({ status: 'expired', settledAt: now })
      .where(and(inArray(reservations.id, due), eq(reservations.status, 'active')))
      .returning();
    return parseReservations(rows);
  }
}
