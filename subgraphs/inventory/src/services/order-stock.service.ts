import type { Executor } from '@shop/db';
import {
  appendToOutbox,
  stockRejected,
  stockReserved,
  variantOf,
  type OrderStockReservationRequested,
  type ReturnReceived,
  type StockRejected,
} from '@shop/events';
import type { Logger } from '@shop/subgraph-kit';
import { outbox } from '../db/schema';
import { announceReleased } from '../events/stock-events';
import { reservationIdFor } from './order-reservation-id';
import { restockReturn } from './return-restock';
import { MAX_TTL_SECONDS } from './reservation-input';
import type { ReservationResult, ReservationService } from './reservation.service';

export interface OrderStockOptions {
  /** The reservation service working inside a caller's transaction (savepoints for its own). */
  reservationsIn: (tx: Executor) => ReservationService;
  /** How long a hold lasts before the sweeper releases it. */
  reservationTtlSeconds: number;
  logger: Logger;
}

type Items = OrderStockReservationRequested['items'];

/**
 * The inventory side of the checkout saga. Every method runs in the caller's transaction (the
 * inbox's), so the effect, its reply and the inbox row commit or roll back together. An order has
 * at most one reservation, whose id is derived from the order id.
 */
export class OrderStockService {
  constructor(private readonly options: OrderStockOptions) {
    const ttl = options.reservationTtlSeconds;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS)
      throw new Error(`inventory: reservationTtlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  }

  /** Holds every unit of the order or none, and answers `stock.reserved` or `stock.rejected`. */
  async reserve(tx: Executor, request: OrderStockReservationRequested, now: Date = new Date()): Promise<void> {
    const { orderId } = request;
    const items = mergeByVariant(request.items);
    const ttlSeconds = this.options.reservationTtlSeconds;
    const result = await this.options.reservationsIn(tx).reserve({ reservationId: reservationIdFor(orderId), orderId, items, ttlSeconds }, now);
    const held = result.reservation;
    if (held && (held.status === 'active' || held.status === 'committed')) {
      await appendToOutbox(tx, outbox, stockReserved, orderId, { orderId, items: held.items, expiresAt: held.expiresAt.toISOString() });
    } else {
      await appendToOutbox(tx, outbox, stockRejected, orderId, rejection(orderId, items, result));
    }
  }

  /** The order is confirmed: its held units are sold (once). A hold past its expiry but not yet swept still counts. */
  async commit(tx: Executor, orderId: string, now: Date = new Date()): Promise<void> {
    const result = await this.options.reservationsIn(tx).commit(reservationIdFor(orderId), now, { evenIfExpired: true });
    const [error] = result.errors;
    if (error) this.options.logger.error({ orderId, code: error.code }, 'inventory: confirmed order has no live reservation; no units were taken from stock');
  }

  /** The order is cancelled: an active hold is released, committed units are restocked; either answers `stock.released` once. */
  async cancel(tx: Executor, orderId: string, now: Date = new Date()): Promise<void> {
    const { outcome, reservation } = await this.options.reservationsIn(tx).cancel(reservationIdFor(orderId), now);
    if (outcome !== 'unchanged' && reservation) await announceReleased(tx, orderId, reservation.items, 'cancelled');
  }

  /** A return was received: its units are back on hand (once, behind the caller's inbox). */
  returnReceived(tx: Executor, event: ReturnReceived): Promise<void> {
    return restockReturn(tx, event, this.options.logger);
  }
}

type Item = { productId: string; variantId: string; quantity: number };

/** Two order lines of one variant become one item (a reservation holds each variant once). */
function mergeByVariant(items: Items): Item[] {
  const totals = new Map<string, Item>();
  for (const item of items) {
    const variantId = variantOf(item);
    const merged = totals.get(variantId);
    totals.set(variantId, { productId: item.productId, variantId, quantity: (merged?.quantity ?? 0) + item.quantity });
  }
  return [...totals.values()];
}

/**
 * Why nothing is held. `OUT_OF_STOCK` names the variants lacking stock (or unknown to inventory)
 * and their products; a reservation of the order that is no longer live answers
 * `RESERVATION_<STATUS>`; anything else (invalid quantities, a repeated request with other items)
 * answers its error code for every item.
 */
function rejection(orderId: string, items: Item[], result: ReservationResult): StockRejected {
  const of = (at: Array<{ productId: string; variantId: string }>) => ({
    orderId,
    productIds: [...new Set(at.map((item) => item.productId))],
    variantIds: at.map((item) => item.variantId),
  });
  if (result.reservation) return { ...of(items), reason: `RESERVATION_${result.reservation.status.toUpperCase()}` };
  const short = result.errors.filter((error) => error.code === 'INSUFFICIENT_STOCK' || error.code === 'UNKNOWN_VARIANT');
  if (short.length > 0) return { ...of(short.map((error) => ({ productId: error.productId!, variantId: error.variantId! }))), reason: 'OUT_OF_STOCK' };
  return { ...of(items), reason: result.errors[0]?.code ?? 'UNKNOWN' };
}
