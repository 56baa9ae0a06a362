import { describe, expect, it } from 'vitest';
import { MemoryPubSub } from '@shop/cache';
import type { OrderHistoryStore, StatusHistoryRecord } from '../stores/order-history.store';
import { OrderStatusFeed, type StatusChange } from './order-status-feed';

const orderId = '00000000-0000-4000-8000-000000000001';
const entry = (position: number, status: StatusHistoryRecord['status']): StatusHistoryRecord => ({
  orderId,
  position,
  status,
  reason: null,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, position)),
});
const change = (position: number, status: StatusChange['status'], previousStatus: StatusChange['previousStatus']): StatusChange => ({
  orderId,
  position,
  status,
  previousStatus,
  reason: null,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, position)).toISOString(),
});

function feedWith(history: StatusHistoryRecord[]) {
  const pubsub = new MemoryPubSub({ keyPrefix: 'test' });
  const store = { forOrder: async () => history } as unknown as OrderHistoryStore;
  return { pubsub, feed: new OrderStatusFeed(pubsub, store) };
}

describe('OrderStatusFeed', () => {
  it('replays the history, then live changes, each once and in order, and ends after CANCELLED', async () => {
    const { pubsub, feed } = feedWith([entry(1, 'PENDING'), entry(2, 'PRICED')]);
    const stream = await feed.subscribe(orderId);
    // A change already in the history arrives live too (published between subscribe and read): skipped.
    await feed.publish(change(2, 'PRICED', 'PENDING'));
    await feed.publish(change(3, 'STOCK_RESERVED', 'PRICED'));
    await feed.publish(change(4, 'CANCELLED', 'STOCK_RESERVED'));
    const seen: StatusChange[] = [];
    for await (const next of stream) seen.push(next);
    expect(seen).toEqual([
      change(1, 'PENDING', null),
      change(2, 'PRICED', 'PENDING'),
      change(3, 'STOCK_RESERVED', 'PRICED'),
      change(4, 'CANCELLED', 'STOCK_RESERVED'),
    ]);
    await pubsub.close();
  });

  it('return() while waiting releases the pub/sub subscription and ends the stream', async () => {
    const { pubsub, feed } = feedWith([entry(1, 'PENDING')]);
    const stream = await feed.subscribe(orderId);
    expect((await stream.next()).value).toEqual(change(1, 'PENDING', null));
    const waiting = stream.next();
    await stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    await feed.publish(change(2, 'PRICED', 'PENDING'));
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    await pubsub.close();
  });
});
