import type { Database, Transaction } from '@shop/db';
import type { EventEnvelope } from './envelope';
import type { DeliveryMeta, EventHandler } from './event-transport';
import type { InboxTable } from './outbox-tables';

export interface InboxHandlerOptions {
  db: Database;
  inbox: InboxTable;
  /** Names the effect being deduplicated (usually the consumer group): one inbox row per consumer per event. */
  consumer: string;
  /**
   * Which event types have an effect. A topic carries every event of its domain; the others are
   * acknowledged without a transaction or an inbox row (most of a busy topic, for most consumers).
   * @default every type
   */
  handles?: (type: string) => boolean;
  /** The effect; runs in the same transaction as the inbox row, at most once per event id. */
  handle: (tx: Transaction, envelope: EventEnvelope, meta: DeliveryMeta) => Promise<void>;
  /**
   * Called once the effect's transaction committed (not for skipped types or duplicates): where
   * the outbox relay is woken, so the effect's replies leave without waiting for a poll.
   */
  afterCommit?: () => void;
}

/**
 * Wraps an effect so at-least-once delivery gives exactly-once effects: the event id is recorded
 * in the inbox in the effect's own transaction, and a redelivered event finds its row and is
 * skipped. If the effect throws, the inbox row rolls back with it and a retry runs it again.
 */
export function createInboxHandler(options: InboxHandlerOptions): EventHandler {
  const { db, inbox, consumer, handle, handles = () => true, afterCommit } = options;
  if (!consumer) throw new Error('createInboxHandler: consumer is required');
  return async (envelope, meta) => {
    if (!handles(envelope.type)) return;
    const handled = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(inbox)
        .values({ consumer, eventId: envelope.id })
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      if (inserted.length === 1) await handle(tx, envelope, meta);
      return inserted.length === 1;
    });
    if (handled) afterCommit?.();
  };
}
