import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import type { EventEnvelope } from './envelope';

/**
 * The outbox and inbox tables inside a subgraph's own Postgres schema, and the outbox relay's lease.
 * Each subgraph spreads them into its drizzle schema file so drizzle-kit generates their migrations
 * with its own tables:
 *
 *   export const { outbox, outboxLease, inbox } = outboxTables(usersSchema);
 */
export function outboxTables(schema: PgSchema) {
  const outbox = schema.table(
    'outbox',
    {
      id: uuid('id').primaryKey(),
      // Insertion order. created_at alone cannot order events: now() is the same for every row
      // of one transaction, so an aggregate's events from one transaction would tie.
      seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
      topic: text('topic').notNull(),
      key: text('key').notNull(),
      type: text('type').notNull(),
      payload: jsonb('payload').$type<EventEnvelope>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
      attempts: integer('attempts').notNull().default(0),
      lastError: text('last_error'),
    },
    // Partial: only the backlog is indexed, so "oldest unpublished first" stays one short index
    // scan however many published rows accumulate.
    (t) => [
      index('outbox_unpublished_idx')
        .on(t.seq)
        .where(sql`${t.publishedAt} is null`),
    ],
  );

  // Which relay publishes the outbox right now (`startOutboxRelay`): one row, taken and given back
  // in the relay's own statements, so one relay at a time reads and publishes the backlog.
  const outboxLease = schema.table('outbox_lease', {
    name: text('name').primaryKey(),
    holder: uuid('holder').notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
  });

  const inbox = schema.table(
    'inbox',
    {
      consumer: text('consumer').notNull(),
      eventId: uuid('event_id').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );

  return { outbox, outboxLease, inbox };
}

export type OutboxTable = ReturnType<typeof outboxTables>['outbox'];
export type OutboxLeaseTable = ReturnType<typeof outboxTables>['outboxLease'];
export type InboxTable = ReturnType<typeof outboxTables>['inbox'];
