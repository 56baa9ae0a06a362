import { asyncIterator, type PubSub } from '@shop/cache';
import type { OrderStatus } from '@shop/events';
import type { OrderHistoryStore, StatusHistoryRecord } from '../stores/order-history.store';

/** One status change as live subscribers see it. `position` counts 1, 2, ... per order. */
export interface StatusChange {
  orderId: string;
  position: number;
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  reason: string | null;
  at: string;
}

const finalStatuses: ReadonlySet<OrderStatus> = new Set(['DELIVERED', 'CANCELLED']);
const topicOf = (orderId: string) => `order-status:${orderId}`;

export const toStatusChanges = (history: StatusHistoryRecord[]): StatusChange[] =>
  history.map((entry, index) => ({
    orderId: entry.orderId,
    position: entry.position,
    status: entry.status,
    previousStatus: history[index - 1]?.status ?? null,
    reason: entry.reason,
    at: entry.at.toISOString(),
  }));

/**
 * Live status changes per order over the pub/sub port (Redis in services mode, so any replica's
 * saga step reaches a subscriber connected to another). A subscriber first gets the order's whole
 * history, then every later change, each exactly once and in order (deduplicated by position):
 * subscribing after `placeOrder` returns still shows PENDING. The stream ends after DELIVERED or
 * CANCELLED.
 */
export class OrderStatusFeed {
  constructor(
    private readonly pubsub: PubSub,
    private readonly history: OrderHistoryStore,
  ) {}

  publish(change: StatusChange): Promise<void> {
    return this.pubsub.publish(topicOf(change.orderId), JSON.stringify(change));
  }

  async subscribe(orderId: string): Promise<AsyncIterableIterator<StatusChange>> {
    // Listen first, then read the history: a change committed in between is in one or the other.
    const live = await asyncIterator(this.pubsub, topicOf(orderId));
    const backlog = toStatusChanges(await this.history.forOrder(orderId));
    let last = backlog.at(-1)?.position ?? 0;
    let ended = false;
    const end = async (): Promise<IteratorResult<StatusChange>> => {
      ended = true;
      await live.return?.();
      return { value: undefined, done: true };
    };
    const deliver = (change: StatusChange): IteratorResult<StatusChange> => {
      if (finalStatuses.has(change.status)) ended = true;
      return { value: change, done: false };
    };
    const iterator: AsyncIterableIterator<StatusChange> = {
      async next() {
        const queued = backlog.shift();
        if (queued) return deliver(queued);
        if (ended) return end();
        for (;;) {
          const message = await live.next();
          if (message.done) return message;
          const change = JSON.parse(message.value) as StatusChange;
          if (change.position <= last) continue;
          last = change.position;
          return deliver(change);
        }
      },
      return: end,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
