import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import type { EventEnvelope } from './envelope';

/**
 * The outbox and inbox tables inside a subgraph's own Postgres schema. Each subgraph spreads them
 * into its drizzle schema file so drizzle-kit generates their migrations with its own tables:
 *
 *   export const { outbox, inbox } = outboxTables(usersSchema);
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

  const inbox = schema.table(
    'inbox',
    {
      consumer: text('consumer').notNull(),
      eventId: uuid('event_id').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );

  return { outbox, inbox };
}

export type OutboxTable = ReturnType<typeof outboxTables>['outbox'];
export type InboxTable = ReturnType<typeof outboxTables>['inbox'];
