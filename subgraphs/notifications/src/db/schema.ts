import { sql } from 'drizzle-orm';
import { bigint, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const notificationsSchema = pgSchema('notifications');

/**
 * Consumed events are deduplicated in the inbox. Notifications publish no events, so the outbox
 * table of the pair is not part of this schema.
 */
export const { inbox } = outboxTables(notificationsSchema);

export const notificationKinds = ['ORDER_CONFIRMED', 'ORDER_CANCELLED', 'SHIPMENT_SHIPPED', 'SHIPMENT_DELIVERED'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * One message to one shopper, written when an order or shipment event is consumed. The event id
 * is unique: behind the inbox, it is what guarantees one notification per event whatever happens.
 * Title and body are composed once, at write time, so what a shopper read never changes.
 */
export const notifications = notificationsSchema.table(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Feed order, the keyset of pagination: created_at ties within a transaction.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    recipientId: text('recipient_id').notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    orderId: text('order_id').notNull(),
    sourceEventId: uuid('source_event_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_recipient_seq_idx').on(t.recipientId, t.seq),
    // Partial: unread counts and "mark all read" only ever look at unread rows.
    index('notifications_unread_idx').on(t.recipientId, t.seq).where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_source_event_idx').on(t.sourceEventId),
  ],
);
