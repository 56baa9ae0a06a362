import { Rollback, transactOrRollback, type Executor, type Transact } from '@shop/db';
import { announceReleased, announceStock } from '../events/stock-events';
import type { MovementStore } from '../stores/movement.store';
import type { ReservationItem, ReservationRow, ReservationStore } from '../stores/reservation.store';
import { available, type StockRecord, type StockStore } from '../stores/stock.store';
import { invalidReservation, reservationFailure as failure, reserveInput, sameRequest, type ReservationFailure, type ReserveInput } from './reservation-input';

export interface Reservation extends ReservationRow {
  items: Array<{ productId: string; variantId: string; quantity: number }>;
}
export type ReservationResult = { reservation: Reservation; errors: [] } | { reservation: null; errors: ReservationFailure[] };

/**
 * What `cancel` did: `released` an active hold, `restocked` the units of a committed one, or
 * `unchanged` (no such reservation, or it was already released, expired or restocked).
 */
export interface CancelResult {
  outcome: 'released' | 'restocked' | 'unchanged';
  reservation: Reservation | null;
}

const fail = (...errors: ReservationFailure[]): ReservationResult => ({ reservation: null, errors });
const toReservation = (row: ReservationRow, items: ReservationItem[]): Reservation => ({
  ...row,
  items: items.map(({ productId, variantId, quantity }) => ({ productId, variantId, quantity })),
});
const ok = (row: ReservationRow, items: ReservationItem[]): ReservationResult => ({ reservation: toReservation(row, items), errors: [] });

/**
 * Stock holds for the checkout saga. Every state change runs in one transaction with its
 * `stock.changed` events; stock rows are always locked in variant-id order so writers never
 * deadlock, and every update re-checks stock on the locked row so it never goes below zero.
 */
export class ReservationService {
  constructor(
    private readonly stock: StockStore,
    private readonly reservations: ReservationStore,
    private readonly movements: MovementStore,
    private readonly transact: Transact,
  ) {}

  /**
   * Holds every item or none: if any item lacks stock nothing is held and `errors` lists each
   * item that could not be. Idempotent by reservation id (a retry answers with the reservation
   * as it is now; the same id for a different request is RESERVATION_ID_REUSED).
   */
  async reserve(input: unknown, now: Date = new Date()): Promise<ReservationResult> {
    const parsed = reserveInput.safeParse(input);
    if (!parsed.success) return fail(...invalidReservation(parsed.error.issues));
    const request = parsed.data;
    const result = await transactOrRollback<ReservationResult | 'id-taken'>(this.transact, (tx) => this.hold(request, now, tx));
    return result === 'id-taken' ? this.replay(request) : result;
  }

  private async hold(request: ReserveInput, now: Date, tx: Executor): Promise<ReservationResult> {
    const expiresAt = new Date(now.getTime() + request.ttlSeconds * 1000);
    const row = await this.reservations.insert({ id: request.reservationId, orderId: request.orderId, expiresAt }, tx);
    if (!row) throw new Rollback('id-taken' as const);
    const items = [...request.items].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
    const locked = new Map(
      (
        await this.stock.lockMany(
          items.map((item) => item.variantId),
          tx,
        )
      ).map((level) => [level.variantId, level]),
    );
    const shortages = items.flatMap((item) => shortage(item, locked.get(item.variantId)));
    if (shortages.length > 0) throw new Rollback(fail(...shortages));
    for (const item of items) {
      const level = await this.stock.hold(item.variantId, item.quantity, tx);
      // Unreachable while the rows are locked; kept so a future change cannot oversell silently.
      if (!level) throw new Error(`inventory: stock of ${item.variantId} changed under its lock`);
      await announceStock(tx, this.stock, level);
    }
    const held = items.map((item) => ({ reservationId: row.id, ...item }));
    await this.reservations.insertItems(held, tx);
    return ok(row, held);
  }

  private async replay(request: ReserveInput): Promise<ReservationResult> {
    const row = (await this.reservations.find(request.reservationId))!;
    const items = await this.reservations.itemsOf([row.id]);
    if (!sameRequest(request, { orderId: row.orderId, items })) {
      return fail(failure('RESERVATION_ID_REUSED', 'This reservation id was already used for a different order or items'));
    }
    return ok(row, items);
  }

  /**
   * Sells the held units (on-hand decremented once); committing again answers with the same
   * reservation. Past its expiry a hold is refused unless `evenIfExpired`: the saga commits a
   * confirmed (paid) order whose hold no sweep has released yet, since its units are still held.
   */
  async commit(reservationId: string, now: Date = new Date(), options: { evenIfExpired?: boolean } = {}): Promise<ReservationResult> {
    const liveAt = options.evenIfExpired ? undefined : now;
    return this.settle(reservationId, 'committed', now, liveAt, async (items, row, tx) => {
      for (const item of items) {
        const level = await this.stock.sellHeld(item.variantId, item.quantity, tx);
        if (!level) throw new Error(`inventory: reservation ${row.id} holds more of ${item.variantId} than is reserved`);
        const movement = { productId: item.productId, variantId: item.variantId, kind: 'sale' as const, delta: -item.quantity, onHandAfter: level.onHand };
        await this.movements.insert({ ...movement, reason: `order ${row.orderId}`, actorId: null, idempotencyKey: null, reservationId: row.id }, tx);
      }
    });
  }

  /**
   * Undoes a reservation for a cancelled order, exactly once: an active hold is released; a
   * committed one (the order was confirmed, then cancelled before shipment) has its units put
   * back on hand with a `restock` movement. Anything else changes nothing.
   */
  async cancel(reservationId: string, now: Date = new Date()): Promise<CancelResult> {
    return this.transact(async (tx) => {
      const released = await this.reservations.settle(reservationId, 'released', now, tx);
      if (released) return { outcome: 'released' as const, reservation: await this.withItems(released, tx, (items) => this.unhold(items, tx)) };
      const restocked = await this.reservations.settle(reservationId, 'restocked', now, tx, undefined, 'committed');
      if (restocked) return { outcome: 'restocked' as const, reservation: await this.withItems(restocked, tx, (items) => this.restock(restocked, items, tx)) };
      const current = await this.reservations.find(reservationId, tx);
      return { outcome: 'unchanged' as const, reservation: current && toReservation(current, await this.reservations.itemsOf([current.id], tx)) };
    });
  }

  private async withItems(row: ReservationRow, tx: Executor, effect: (items: ReservationItem[]) => Promise<void>): Promise<Reservation> {
    const items = await this.reservations.itemsOf([row.id], tx);
    await effect(items);
    return toReservation(row, items);
  }

  private async restock(row: ReservationRow, items: ReservationItem[], tx: Executor): Promise<void> {
    for (const item of items) {
      const level = await this.stock.adjust(item.variantId, item.quantity, tx);
      if (!level) throw new Error(`inventory: restocking ${item.variantId} failed`);
      const movement = { productId: item.productId, variantId: item.variantId, kind: 'restock' as const, delta: item.quantity, onHandAfter: level.onHand };
      await this.movements.insert({ ...movement, reason: `order ${row.orderId} cancelled`, actorId: null, idempotencyKey: null, reservationId: row.id }, tx);
      await announceStock(tx, this.stock, level);
    }
  }

  /** Gives the held units back, once; releasing a released or expired reservation changes nothing. */
  async release(reservationId: string, now: Date = new Date()): Promise<ReservationResult> {
    return this.settle(reservationId, 'released', now, undefined, (items, _row, tx) => this.unhold(items, tx));
  }

  /**
   * Releases every active reservation that expired by `now`, each exactly once even when several
   * processes sweep at the same time, with one `stock.released` (reason `expired`) per reservation
   * in the same transaction. Returns the ids this call released.
   */
  async releaseExpired(now: Date = new Date(), batchSize = 100): Promise<string[]> {
    const released: string[] = [];
    for (;;) {
      const batch = await this.transact(async (tx) => {
        const rows = await this.reservations.claimExpired(now, batchSize, tx);
        const items = await this.reservations.itemsOf(
          rows.map((row) => row.id),
          tx,
        );
        await this.unhold(items, tx);
        for (const row of rows)
          await announceReleased(
            tx,
            row.orderId,
            items.filter((item) => item.reservationId === row.id),
            'expired',
          );
        return rows.map((row) => row.id);
      });
      released.push(...batch);
      if (batch.length < batchSize) return released;
    }
  }

  private async settle(
    reservationId: string,
    status: 'committed' | 'released',
    now: Date,
    liveAt: Date | undefined,
    effect: (items: ReservationItem[], row: ReservationRow, tx: Executor) => Promise<void>,
  ): Promise<ReservationResult> {
    return this.transact(async (tx) => {
      const row = await this.reservations.settle(reservationId, status, now, tx, liveAt);
      if (row) {
        const items = await this.reservations.itemsOf([row.id], tx);
        await effect(items, row, tx);
        return ok(row, items);
      }
      const current = await this.reservations.find(reservationId, tx);
      return current ? this.settled(current, status, await this.reservations.itemsOf([current.id], tx)) : fail(failure('NOT_FOUND', 'No such reservation'));
    });
  }

  /** Answers for a reservation that was not active (or, for commit, had expired). */
  private settled(row: ReservationRow, wanted: 'committed' | 'released', items: ReservationItem[]): ReservationResult {
    if (wanted === 'committed' && row.status === 'committed') return ok(row, items);
    if (wanted === 'released' && (row.status === 'released' || row.status === 'expired' || row.status === 'restocked')) return ok(row, items);
    if (row.status === 'committed') return fail(failure('RESERVATION_COMMITTED', 'The reservation was already committed'));
    if (row.status === 'active') return fail(failure('RESERVATION_EXPIRED', 'The reservation expired before it was committed'));
    return fail(failure('RESERVATION_RELEASED', 'The reservation was already released'));
  }

  /** Items are in variant-id order (the lock order); several reservations may hold one variant. */
  private async unhold(items: ReservationItem[], tx: Executor): Promise<void> {
    const totals = new Map<string, number>();
    for (const item of items) totals.set(item.variantId, (totals.get(item.variantId) ?? 0) + item.quantity);
    for (const [variantId, quantity] of totals) {
      const level = await this.stock.unhold(variantId, quantity, tx);
      if (!level) throw new Error(`inventory: releasing more of ${variantId} than is reserved`);
      await announceStock(tx, this.stock, level);
    }
  }
}

function shortage(item: { productId: string; variantId: string; quantity: number }, level: StockRecord | undefined): ReservationFailure[] {
  // A variant of another product than the request says is as unknown as one without a row.
  const known = level && level.productId === item.productId ? level : undefined;
  const extra = { productId: item.productId, variantId: item.variantId, requested: item.quantity, available: known ? available(known) : 0 };
  if (!known) return [failure('UNKNOWN_VARIANT', `No stock is kept for variant ${item.variantId} of product ${item.productId}`, extra)];
  if (available(known) < item.quantity) {
    return [failure('INSUFFICIENT_STOCK', `Only ${available(known)} of variant ${item.variantId} available, ${item.quantity} requested`, extra)];
  }
  return [];
}
