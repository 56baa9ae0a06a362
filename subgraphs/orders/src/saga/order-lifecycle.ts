import type { SQL } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { newEvent, orderCancelled, orderStatusChanged, outboxRowsOf, type EventContract, type OrderStatus, type OutboxRow } from '@shop/events';
import { guestContactOf, itemsOf } from '../services/order-pricing';
import type { OrderStatusFeed } from '../services/order-status-feed';
import type { NewOrder, OrderChanges, OrderRecord, OrderStore } from '../stores/order.store';
import type { AfterCommit } from './after-commit';

/** An event a status change makes besides its `order.status-changed` (when published); build it with `pending()`. */
export interface PendingEvent {
  contract: EventContract<unknown>;
  data: unknown;
}

/** Pairs a contract with its (type-checked) data, for `moveTo`'s `publish`. */
export const pending = <T>(contract: EventContract<T>, data: T): PendingEvent => ({ contract: contract as EventContract<unknown>, data });

/** The outbox rows of a step's requests, keyed by the order (or return's order) they are about. */
export const requestRows = (orderId: string, publish: readonly PendingEvent[]): OutboxRow[] =>
  outboxRowsOf(publish.map(({ contract, data }) => newEvent(contract, orderId, data))).rows;

/** Statuses from which an order can still be cancelled (nothing has left the warehouse). */
export const cancellableStatuses: ReadonlySet<OrderStatus> = new Set(['PENDING', 'PRICED', 'STOCK_RESERVED', 'PAID', 'CONFIRMED']);

/**
 * The one way an order changes status: row, history entry, the step's next requests and, when
 * `publishStatusChanges`, `order.status-changed`, in the caller's transaction; the live push and the
 * relay wake-up after commit.
 */
export class OrderLifecycle {
  constructor(
    private readonly orders: OrderStore,
    private readonly feed: OrderStatusFeed,
    private readonly wake: () => void,
    private readonly options: { publishStatusChanges: boolean },
  ) {}

  /**
   * Inserts a placed order with its first history entry, its `order.status-changed`, the saga's
   * first requests (`publish`) and `also` (the cart marked ordered), all in one statement.
   */
  async place(
    tx: Executor,
    order: NewOrder & { id: string },
    after: AfterCommit,
    publish: readonly PendingEvent[],
    also: readonly SQL[] = [],
  ): Promise<OrderRecord> {
    const at = new Date();
    const events = this.announcements({ ...order, status: order.status }, null, null, at, publish);
    const placed = await this.orders.insert(order, tx, { entry: { reason: null, at }, events, also });
    this.afterMove(after, placed.order, null, null, at, placed.position);
    return placed.order;
  }

  /**
   * Moves the order to `status`; `publish` are the requests the move makes. The row, its history
   * entry, `order.status-changed` and the requests are one statement (the events are built from
   * the order as the move leaves it, which the step knows before writing it).
   */
  async moveTo(
    tx: Executor,
    order: OrderRecord,
    status: OrderStatus,
    changes: OrderChanges,
    after: AfterCommit,
    options: { reason?: string | null; publish?: readonly PendingEvent[] } = {},
  ): Promise<OrderRecord> {
    const at = new Date();
    const reason = options.reason ?? null;
    const events = this.announcements({ ...order, ...changes, status }, order.status, reason, at, options.publish ?? []);
    const moved = await this.orders.update(order.id, { ...changes, status }, tx, { entry: { status, reason, at }, events });
    this.afterMove(after, moved.order, order.status, reason, at, moved.position!);
    return moved.order;
  }

  /**
   * Stays in the same status but changes saga data (e.g. the first of two parallel answers);
   * `publish` are requests the change makes, written in the same statement.
   */
  async update(tx: Executor, order: OrderRecord, changes: OrderChanges, after: AfterCommit, publish: readonly PendingEvent[] = []): Promise<OrderRecord> {
    const events = requestRows(order.id, publish);
    const { order: updated } = await this.orders.update(order.id, changes, tx, { events });
    if (events.length > 0) after.add(this.wake);
    return updated;
  }

  /** The outbox rows of a status change: its `order.status-changed` (when published), then the step's requests. */
  private announcements(
    order: Pick<OrderRecord, 'id' | 'customerId' | 'status'>,
    previousStatus: OrderStatus | null,
    reason: string | null,
    at: Date,
    publish: readonly PendingEvent[],
  ) {
    if (!this.options.publishStatusChanges) return requestRows(order.id, publish);
    const changed = pending(orderStatusChanged, {
      orderId: order.id,
      customerId: order.customerId,
      status: order.status,
      previousStatus,
      reason,
      at: at.toISOString(),
    });
    return requestRows(order.id, [changed, ...publish]);
  }

  private afterMove(
    after: AfterCommit,
    order: Pick<OrderRecord, 'id' | 'status'>,
    previousStatus: OrderStatus | null,
    reason: string | null,
    at: Date,
    position: number,
  ): void {
    after.add(this.wake);
    after.add(() => this.feed.publish({ orderId: order.id, position, status: order.status, previousStatus, reason, at: at.toISOString() }));
  }

  /** CANCELLED with a reason a shopper can read; every participant undoes its part on `order.cancelled`. */
  async cancel(tx: Executor, order: OrderRecord, code: string, reason: string, after: AfterCommit): Promise<OrderRecord> {
    const cancellation = pending(orderCancelled, {
      orderId: order.id,
      customerId: order.customerId,
      code,
      reason,
      previousStatus: order.status,
      items: itemsOf(order),
      ...guestContactOf(order),
    });
    return this.moveTo(tx, order, 'CANCELLED', { cancelCode: code, cancelReason: reason }, after, { reason, publish: [cancellation] });
  }
}
