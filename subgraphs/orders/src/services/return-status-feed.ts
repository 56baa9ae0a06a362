import type { PubSub } from '@shop/cache';
import type { ReturnStatus } from '@shop/events';
import type { ReturnHistoryRecord, ReturnStore } from '../stores/return.store';
import { StatusFeed } from './status-feed';

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

export const toReturnStatusChanges = (history: readonly ReturnHistoryRecord[]): ReturnStatusChange[] =>
  history.map((entry, index) => ({
    returnId: entry.returnId,
    position: entry.position,
    status: entry.status,
    previousStatus: history[index - 1]?.status ?? null,
    note: entry.note,
    at: entry.at.toISOString(),
  }));

/** A return's status changes: its history, then each later change; ends after REJECTED or REFUNDED. */
export class ReturnStatusFeed extends StatusFeed<ReturnStatusChange> {
  constructor(pubsub: PubSub, returns: ReturnStore) {
    super(pubsub, {
      topic: 'return-status',
      subjectOf: (change) => change.returnId,
      history: async (returnId) => toReturnStatusChanges(await returns.historyFor([returnId])),
      finalStatuses,
    });
  }
}
