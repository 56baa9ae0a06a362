import { randomUUID } from 'node:crypto';
import type { Executor } from '@shop/db';
import type { CreateEventOptions, EventContract } from './define-event';
import type { EventEnvelope } from './envelope';
import type { OutboxTable } from './outbox-tables';

/**
 * Records an event in the caller's transaction, so the state change and the event commit or roll
 * back together (no event for a rolled-back change, no change without its event). Call the
 * relay's `wake()` after the commit to publish it without waiting for the next poll.
 */
export async function appendToOutbox<T>(
  tx: Executor,
  outbox: OutboxTable,
  contract: EventContract<T>,
  aggregateId: string,
  data: T,
  options?: CreateEventOptions,
): Promise<EventEnvelope<T>> {
  const envelope = contract.create(aggregateId, data, options);
  // One row per topic (an event addressed to several audiences), one statement; the same envelope
  // (and id, which the inboxes deduplicate on) in each. The first row's id is the event's.
  await tx.insert(outbox).values(
    contract.topics.map((topic, i) => ({ id: i === 0 ? envelope.id : randomUUID(), topic, key: aggregateId, type: envelope.type, payload: envelope })),
  );
  return envelope;
}
