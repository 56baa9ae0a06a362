import { sql, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '@shop/db';
import type { EventEnvelope } from './envelope';
import type { Delivery, DeliveryMeta, EventHandler } from './event-transport';
import type { InboxTable } from './outbox-tables';
import { wroteToOutbox } from './outbox-writes';

/**
 * A single event's inbox row, for an effect that writes it in its own first statement (see
 * `claimsInbox`): `insert` is `insert into inbox ... on conflict do nothing returning event_id`,
 * to be a data-modifying CTE of that statement, e.g.
 *
 *   with claim as (${claim.insert}) select t.*, exists(select 1 from claim) as fresh from t where ... for update
 *
 * A row with `fresh` false means the event was handled before: the effect then does nothing more.
 * Reading `insert` marks the claim taken.
 */
export interface InboxClaim {
  readonly insert: SQL;
}

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
  /**
   * The effect; runs in the same transaction as the inbox row, at most once per event id. With
   * `claimsInbox`, a single event's effect also gets its `claim`.
   */
  handle: (tx: Transaction, envelope: EventEnvelope, meta: DeliveryMeta, claim?: InboxClaim) => Promise<void>;
  /**
   * The effect writes a single event's inbox row in its own first statement (`claim.insert` as a
   * CTE of the row lock or read it starts with), one statement fewer per event. Its contract: take
   * the claim in the FIRST statement and stop when it says the event is not fresh, or run no
   * statement at all (the handler then writes the row after it). A batch's rows are written in
   * one statement before the effects, which then get no claim.
   * @default false
   */
  claimsInbox?: boolean;
  /**
   * Runs in a batch's transaction before its effects, with the batch's events not seen before (in
   * the order their effects run). For a consumer whose effects lock shared rows: it takes every
   * lock the batch will need in one statement, in one global order, so batches of several
   * partitions running side by side cannot deadlock (PostgreSQL would find out only after
   * `deadlock_timeout`, a second by default, and abort one of them).
   */
  beforeBatch?: (tx: Transaction, envelopes: readonly EventEnvelope[]) => Promise<void>;
  /**
   * Called once the effect's transaction committed AND it recorded an event (`appendToOutbox`,
   * `appendAllToOutbox`): where the outbox relay is woken, so the effect's replies leave without
   * waiting for a poll. Not for skipped types, duplicates, or effects that wrote no outbox row
   * (a wake for those would cost the relay an empty claim).
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
  const { db, inbox, consumer, handle, handles = () => true, afterCommit, claimsInbox = false, beforeBatch } = options;
  if (!consumer) throw new Error('createInboxHandler: consumer is required');
  const record = (tx: Transaction, eventId: string) =>
    tx.insert(inbox).values({ consumer, eventId }).onConflictDoNothing().returning({ eventId: inbox.eventId });
  // Runs the transaction, then wakes the relay if it committed and wrote an event.
  const committing = async (work: (tx: Transaction) => Promise<void>) => {
    const wrote = await db.transaction(async (tx) => {
      await work(tx);
      return wroteToOutbox(tx);
    });
    if (wrote) afterCommit?.();
  };
  const single = async (envelope: EventEnvelope, meta: DeliveryMeta) => {
    if (!handles(envelope.type)) return;
    await committing(async (tx) => {
      if (!claimsInbox) {
        const inserted = await record(tx, envelope.id);
        if (inserted.length === 1) await handle(tx, envelope, meta);
        return;
      }
      let taken = false;
      const insert = sql`insert into ${inbox} (consumer, event_id) values (${consumer}, ${envelope.id}::uuid) on conflict do nothing returning event_id`;
      const claim: InboxClaim = {
        get insert() {
          taken = true;
          return insert;
        },
      };
      await handle(tx, envelope, meta, claim);
      // The effect ran no statement: its row now, so a redelivery is recognised.
      if (!taken) await record(tx, envelope.id);
    });
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
    await committing(async (tx) => {
      const inserted = await tx
        .insert(inbox)
        .values(relevant.map(({ envelope }) => ({ consumer, eventId: envelope.id })))
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      const fresh = new Set(inserted.map((row) => row.eventId));
      // delete: an event delivered twice within the batch has its effect once.
      const toRun = relevant.filter(({ envelope }) => fresh.delete(envelope.id));
      if (toRun.length > 0 && beforeBatch)
        await beforeBatch(
          tx,
          toRun.map(({ envelope }) => envelope),
        );
      for (const { envelope, meta } of toRun) await handle(tx, envelope, meta);
    });
  };
  return Object.assign(single, { batch });
}

const byAggregate = (a: Delivery, b: Delivery) =>
  a.envelope.aggregateId < b.envelope.aggregateId ? -1 : a.envelope.aggregateId > b.envelope.aggregateId ? 1 : 0;

/**
 * Takes `claim` in a statement of its own, for an effect whose first statement cannot carry it:
 * true when the event is fresh (run the effect), false when it was handled before.
 */
export async function recordClaim(tx: Transaction, claim: InboxClaim): Promise<boolean> {
  const result = await tx.execute(sql`with claim as (${claim.insert}) select exists(select 1 from claim) as fresh`);
  const [row] = (result as unknown as { rows: Array<{ fresh: boolean }> }).rows;
  return row?.fresh === true;
}
