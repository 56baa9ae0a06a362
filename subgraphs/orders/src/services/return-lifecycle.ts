import type { Executor } from '@shop/db';
import { appendAllToOutbox, newEvent, returnStatusChanged, type ReturnStatus } from '@shop/events';
import { outbox } from '../db/schema';
import type { AfterCommit } from '../saga/after-commit';
import type { PendingEvent } from '../saga/order-lifecycle';
import type { ReturnStatusFeed } from './return-status-feed';
import type { ReturnRecord, ReturnStore } from '../stores/return.store';

const unitsOf = (ret: ReturnRecord) => ret.lines.reduce((sum, line) => sum + line.quantity, 0);

/**
 * The one way a return changes status: row, history entry, `return.status-changed` and the
 * step's requests (`publish`) in the caller's transaction; the live push and the relay wake-up
 * after commit.
 */
export class ReturnLifecycle {
  constructor(
    private readonly returns: ReturnStore,
    private readonly feed: ReturnStatusFeed,
    private readonly wake: () => void,
  ) {}

  async record(
    tx: Executor,
    ret: ReturnRecord,
    previousStatus: ReturnStatus | null,
    note: string | null,
    after: AfterCommit,
    publish: readonly PendingEvent[] = [],
  ): Promise<void> {
    const at = new Date();
    const entry = await this.returns.appendHistory(ret.id, ret.status, note, at, tx);
    const changed = newEvent(returnStatusChanged, ret.orderId, {
      returnId: ret.id,
      orderId: ret.orderId,
      customerId: ret.customerId,
      status: ret.status,
      previousStatus,
      note,
      units: unitsOf(ret),
      refund: { amount: ret.refundAmount, currency: ret.currency },
      at: at.toISOString(),
    });
    // The status change and the step's requests: one statement.
    await appendAllToOutbox(tx, outbox, [changed, ...publish.map(({ contract, data }) => newEvent(contract, ret.orderId, data))]);
    after.add(this.wake);
    after.add(() => this.feed.publish({ returnId: ret.id, position: entry.position, status: ret.status, previousStatus, note, at: at.toISOString() }));
  }

  async moveTo(
    tx: Executor,
    ret: ReturnRecord,
    status: ReturnStatus,
    after: AfterCommit,
    options: { note?: string | null; refundAmount?: number; publish?: readonly PendingEvent[] } = {},
  ): Promise<ReturnRecord> {
    const changes = {
      status,
      ...(options.note !== undefined ? { note: options.note } : {}),
      ...(options.refundAmount !== undefined ? { refundAmount: options.refundAmount } : {}),
    };
    const updated = await this.returns.update(ret.id, changes, tx);
    await this.record(tx, updated, ret.status, options.note ?? null, after, options.publish);
    return updated;
  }
}
