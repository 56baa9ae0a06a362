import { asyncIterator, type PubSub } from '@shop/cache';
import type { ReturnStatus } from '@shop/events';
import type { ReturnHistoryRecord, ReturnStore } from '../stores/return.store';

/** One status change of a return, as history and live subscribers see it. */
export interface ReturnStatusChange {
  returnId: string;
  position: number;
  status: ReturnStatus;
  previousStatus: ReturnStatus | null;
  note: string | null;
  at: string;
}

const finalStatuses: ReadonlySet<ReturnStatus> = new Set(['REJECTED', 'REFUNDED']);
const topicOf = (returnId: string) => `return-status:${returnId}`;

export const toReturnStatusChanges = (history: readonly ReturnHistoryRecord[]): ReturnStatusChange[] =>
  history.map((entry, index) => ({
    returnId: entry.returnId,
    position: entry.position,
    status: entry.status,
    previousStatus: history[index - 1]?.status ?? null,
    note: entry.note,
    at: entry.at.toISOString(),
  }));

/**
 * Live status changes per return over the pub/sub port, like the orders' status feed: first the
 * return's history, then each later change once and in order (deduplicated by position); the
 * stream ends after REJECTED or REFUNDED.
 */
export class ReturnStatusFeed {
  constructor(
    private readonly pubsub: PubSub,
    private readonly returns: ReturnStore,
  ) {}

  publish(change: ReturnStatusChange): Promise<void> {
    return this.pubsub.publish(topicOf(change.returnId), JSON.stringify(change));
  }

  async subscribe(returnId: string): Promise<AsyncIterableIterator<ReturnStatusChange>> {
    // Listen first, then read the history: a change committed in between is in one or the other.
    const live = await asyncIterator(this.pubsub, topicOf(returnId));
    const backlog = toReturnStatusChanges(await this.returns.historyFor([returnId]));
    let last = backlog.at(-1)?.position ?? 0;
    let ended = false;
    const end = async (): Promise<IteratorResult<ReturnStatusChange>> => {
      ended = true;
      await live.return?.();
      return { value: undefined, done: true };
    };
    const deliver = (change: ReturnStatusChange): IteratorResult<ReturnStatusChange> => {
      if (finalStatuses.has(change.status)) ended = true;
      return { value: change, done: false };
    };
    const iterator: AsyncIterableIterator<ReturnStatusChange> = {
      async next() {
        const queued = backlog.shift();
        if (queued) return deliver(queued);
        if (ended) return end();
        for (;;) {
          const message = await live.next();
          if (message.done) return message;
          const change = JSON.parse(message.value) as ReturnStatusChange;
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
