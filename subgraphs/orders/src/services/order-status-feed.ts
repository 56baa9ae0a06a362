import type { PubSub } from '@shop/cache';
import type { OrderStatus } from '@shop/events';
import type { OrderHistoryStore, StatusHistoryRecord } from '../stores/order-history.store';
import { StatusFeed } from './status-feed';

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

export const toStatusChanges = (history: StatusHistoryRecord[]): StatusChange[] =>
  history.map((entry, index) => ({
    orderId: entry.orderId,
    position: entry.position,
    status: entry.status,
    previousStatus: history[index - 1]?.status ?? null,
    reason: entry.reason,
    at: entry.at.toISOString(),
  }));

/** An order's status changes: its history, then each saga step (subscribing after `placeOrder` still shows PENDING); ends after DELIVERED or CANCELLED. */
export class OrderStatusFeed extends StatusFeed<StatusChange> {
  constructor(pubsub: PubSub, history: OrderHistoryStore) {
    super(pubsub, {
      topic: 'order-status',
      subjectOf: (change) => change.orderId,
      history: async (orderId) => toStatusChanges(await history.forOrder(orderId)),
      finalStatuses,
    });
  }
}
