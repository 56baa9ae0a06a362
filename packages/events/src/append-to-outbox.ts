import { randomUUID } from 'node:crypto';
import type { Executor } from '@shop/db';
import type { CreateEventOptions, EventContract } from './define-event';
import type { EventEnvelope } from './envelope';
import { noteOutboxWrite } from './outbox-writes';
import type { OutboxTable } from './outbox-tables';

/** One outbox row to insert (the columns a producer sets; the rest have defaults). */
export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  type: string;
  payload: EventEnvelope;
}

/** One event to record with others (`appendAllToOutbox`, `outboxRowsOf`); build it with `newEvent()`. */
export interface NewEvent {
  contract: EventContract<unknown>;
  aggregateId: string;
  data: unknown;
  options?: CreateEventOptions;
}

/** Pairs a contract with its (type-checked) data and aggregate, for a list of several events. */
export const newEvent = <T>(contract: EventContract<T>, aggregateId: string, data: T, options?: CreateEventOptions): NewEvent => ({
  contract: contract as EventContract<unknown>,
  aggregateId,
  data,
  ...(options ? { options } : {}),
});

/**
 * The rows that record one new event: one per topic of its contract (an event addressed to several
 * audiences), the same envelope (and id, which the inboxes deduplicate on) in each; the first row's
 * id is the event's. For a producer that writes them together with other rows in one statement.
 */
export function outboxRows<T>(
  contract: EventContract<T>,
  aggregateId: string,
  data: T,
  options?: CreateEventOptions,
): { envelope: EventEnvelope<T>; rows: OutboxRow[] } {
  const envelope = contract.create(aggregateId, data, options);
  const rows = contract.topics.map((topic, i) => ({
    id: i === 0 ? envelope.id : randomUUID(),
    topic,
    key: aggregateId,
    type: envelope.type,
    payload: envelope,
  }));
  return { envelope, rows };
}

/** `outboxRows` of several events, in order: their envelopes and every row of all of them. */
export function outboxRowsOf(events: readonly NewEvent[]): { envelopes: EventEnvelope[]; rows: OutboxRow[] } {
  const built = events.map(({ contract, aggregateId, data, options }) => outboxRows(contract, aggregateId, data, options));
  return { envelopes: built.map(({ envelope }) => envelope), rows: built.flatMap(({ rows }) => rows) };
}

/**
 * Records an event in the caller's transaction, so the state change and the event commit or roll
 * back together (no event for a rolled-back change, no change without its event). Call the
 * relay's `wake()` after the commit to publish it without waiting for the next poll. One
 * statement, however many topics the event goes to.
 */
export async function appendToOutbox<T>(
  tx: Executor,
  outbox: OutboxTable,
  contract: EventContract<T>,
  aggregateId: string,
  data: T,
  options?: CreateEventOptions,
): Promise<EventEnvelope<T>> {
  const [envelope] = await appendAllToOutbox(tx, outbox, [newEvent(contract, aggregateId, data, options)]);
  return envelope as EventEnvelope<T>;
}

/**
 * Records several events in the caller's transaction in ONE statement (every topic of each), in
 * order, and answers their envelopes; no statement for none.
 */
export async function appendAllToOutbox(tx: Executor, outbox: OutboxTable, events: readonly NewEvent[]): Promise<EventEnvelope[]> {
  if (events.length === 0) return [];
  const { envelopes, rows } = outboxRowsOf(events);
  await tx.insert(outbox).values(rows);
  noteOutboxWrite(tx);
  return envelopes;
}
