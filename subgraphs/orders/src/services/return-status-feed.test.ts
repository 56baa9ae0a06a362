import { describe, expect, it } from 'vitest';
import { MemoryPubSub } from '@shop/cache';
import type { ReturnHistoryRecord, ReturnStore } from '../stores/return.store';
import { ReturnStatusFeed, type ReturnStatusChange } from './return-status-feed';

const returnId = '00000000-0000-4000-8000-000000000002';
const at = (position: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, position));
const entry = (position: number, status: ReturnHistoryRecord['status']): ReturnHistoryRecord => ({ returnId, position, status, note: null, at: at(position) });
const change = (position: number, status: ReturnStatusChange['status'], previousStatus: ReturnStatusChange['previousStatus']): ReturnStatusChange => ({
  returnId,
  position,
  status,
  previousStatus,
  note: null,
  at: at(position).toISOString(),
});

describe('ReturnStatusFeed', () => {
  it("replays the return's history, then live changes once each, and ends after REFUNDED", async () => {
    const pubsub = new MemoryPubSub({ keyPrefix: 'test' });
    const returns = { historyFor: async (ids: readonly string[]) => (ids[0] === returnId ? [entry(1, 'REQUESTED')] : []) } as unknown as ReturnStore;
    const feed = new ReturnStatusFeed(pubsub, returns);
    const stream = await feed.subscribe(returnId);
    // Already in the history, yet also live (published between subscribe and read): skipped.
    await feed.publish(change(1, 'REQUESTED', null));
    await feed.publish(change(2, 'APPROVED', 'REQUESTED'));
    await feed.publish(change(3, 'RECEIVED', 'APPROVED'));
    await feed.publish(change(4, 'REFUNDED', 'RECEIVED'));
    const seen: ReturnStatusChange[] = [];
    for await (const next of stream) seen.push(next);
    expect(seen).toEqual([
      change(1, 'REQUESTED', null),
      change(2, 'APPROVED', 'REQUESTED'),
      change(3, 'RECEIVED', 'APPROVED'),
      change(4, 'REFUNDED', 'RECEIVED'),
    ]);
    await pubsub.close();
  });
});
