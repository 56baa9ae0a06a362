import { noteOutboxWrite, type OutgoingMessage, type OutboxTable } from '@shop/events';
import type { Executor } from '@shop/db';

/**
 * Inserts events into the schema's outbox inside the caller's transaction: the same row shape as
 * `appendToOutbox` writes, so the standard outbox relay publishes them.
 */
export async function recordInOutbox(tx: Executor, outbox: OutboxTable, messages: readonly OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(outbox).values(messages.map(({ topic, key, envelope }) => ({ id: envelope.id, topic, key, type: envelope.type, payload: envelope })));
  noteOutboxWrite(tx);
}
