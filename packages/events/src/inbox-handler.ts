import type { Database, Transaction } from '@shop/db';
import type { EventEnvelope } from './envelope';
import type { Delivery, DeliveryMeta, EventHandler } from './event-transport';
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
 * Its `batch` does the same for several events in one transaction (Kafka hands batches to it).
 */
export function createInboxHandler(options: InboxHandlerOptions): EventHandler {
  const { db, inbox, consumer, handle, handles = () => true, afterCommit } = options;
  if (!consumer) throw new Error('createInboxHandler: consumer is required');
  const single = async (envelope: EventEnvelope, meta: DeliveryMeta) => {
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
  // A batch is one transaction: every inbox row in one statement, then the effects of the events
  // not seen before, in order. A redelivered batch finds its rows and runs nothing; an effect that
  // throws rolls back the whole batch (the transport then retries its events one by one).
  //
  // The effects run grouped by aggregate (a stable sort: each aggregate's events keep their order,
  // which is all a partition promises), so two batches that touch the same aggregates lock their
  // rows in the same order and cannot deadlock each other (two of the saga's reply topics carry
  // answers for the same orders side by side).
  const batch = async (deliveries: Delivery[]) => {
    const relevant = deliveries.filter(({ envelope }) => handles(envelope.type)).sort(byAggregate);
    if (relevant.length === 0) return;
    const handled = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(inbox)
        .values(relevant.map(({ envelope }) => ({ consumer, eventId: envelope.id })))
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      const fresh = new Set(inserted.map((row) => row.eventId));
      for (const { envelope, meta } of relevant) {
        // delete: an event delivered twice within the batch has its effect once.
        if (fresh.delete(envelope.id)) await handle(tx, envelope, meta);
      }
      return inserted.length > 0;
    });
    if (handled) afterCommit?.();
  };
  return Object.assign(single, { batch });
}

const byAggregate = (a: Delivery, b: Delivery) => (a.envelope.aggregateId < b.envelope.aggregateId ? -1 : a.envelope.aggregateId > b.envelope.aggregateId ? 1 : 0);
