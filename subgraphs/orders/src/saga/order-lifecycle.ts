import type { Executor } from '@shop/db';
import { appendToOutbox, orderCancelled, orderStatusChanged, outboxRows, type EventContract, type OrderStatus } from '@shop/events';
import { outbox } from '../db/schema';
import { guestContactOf, itemsOf } from '../services/order-pricing';
import type { OrderStatusFeed } from '../services/order-status-feed';
import type { OrderHistoryStore } from '../stores/order-history.store';
import type { OrderChanges, OrderRecord, OrderStore } from '../stores/order.store';
import type { AfterCommit } from './after-commit';

/** An event a status change makes besides its `order.status-changed`; build it with `pending()`. */
export interface PendingEvent {
  contract: EventContract<unknown>;
  data: unknown;
}

/** Pairs a contract with its (type-checked) data, for `moveTo`'s `publish`. */
export const pending = <T>(contract: EventContract<T>, data: T): PendingEvent => ({ contract: contract as EventContract<unknown>, data });

/** Statuses from which an order can still be cancelled (nothing has left the warehouse). */
export const cancellableStatuses: ReadonlySet<OrderStatus> = new Set(['PENDING', 'PRICED', 'STOCK_RESERVED', 'PAID', 'CONFIRMED']);

/**
 * The one way an order changes status: row, history entry and `order.status-changed` (with the
 * step's next request) in the caller's transaction; the live push and the relay wake-up after
 * commit.
 */
export class OrderLifecycle {
  constructor(
    private readonly orders: OrderStore,
    private readonly history: OrderHistoryStore,
    private readonly feed: OrderStatusFeed,
    private readonly wake: () => void,
  ) {}

  /**
   * Records the order's current status as a new history entry (placement, or after a move), with
   * its `order.status-changed` and the step's requests (`publish`), all in one statement.
   */
  async recordStatus(tx: Executor, order: OrderRecord, previousStatus: OrderStatus | null, reason: string | null, after: AfterCommit, publish: readonly PendingEvent[] = []): Promise<void> {
    const at = new Date();
    const changed = outboxRows(orderStatusChanged, order.id, { orderId: order.id, customerId: order.customerId, status: order.status, previousStatus, reason, at: at.toISOString() });
    const requests = publish.map(({ contract, data }) => outboxRows(contract, order.id, data).rows);
    const entry = await this.history.appendWithEvents(order.id, order.status, reason, at, [...changed.rows, ...requests.flat()], tx);
    after.add(this.wake);
    after.add(() => this.feed.publish({ orderId: order.id, position: entry.position, status: order.status, previousStatus, reason, at: at.toISOString() }));
  }

  /** Moves the order to `status`; `publish` are the requests the move makes (written with its history entry). */
  async moveTo(tx: Executor, order: OrderRecord, status: OrderStatus, changes: OrderChanges, after: AfterCommit, options: { reason?: string | null; publish?: readonly PendingEvent[] } = {}): Promise<OrderRecord> {
    const updated = await this.orders.update(order.id, { ...changes, status }, tx);
    await this.recordStatus(tx, updated, order.status, options.reason ?? null, after, options.publish);
    return updated;
  }

  /** Stays in the same status but changes saga data (e.g. the first of two parallel answers). */
  update(tx: Executor, order: OrderRecord, changes: OrderChanges): Promise<OrderRecord> {
    return this.orders.update(order.id, changes, tx);
  }

  /** Asks the next participant for its step. */
  async request<T>(tx: Executor, contract: EventContract<T>, order: OrderRecord, data: T, after: AfterCommit): Promise<void> {
    await appendToOutbox(tx, outbox, contract, order.id, data);
    after.add(this.wake);
  }

  /** CANCELLED with a reason a shopper can read; every participant undoes its part on `order.cancelled`. */
  async cancel(tx: Executor, order: OrderRecord, code: string, reason: string, after: AfterCommit): Promise<OrderRecord> {
    const cancellation = pending(orderCancelled, { orderId: order.id, customerId: order.customerId, code, reason, previousStatus: order.status, items: itemsOf(order), ...guestContactOf(order) });
    return this.moveTo(tx, order, 'CANCELLED', { cancelCode: code, cancelReason: reason }, after, { reason, publish: [cancellation] });
  }
}
