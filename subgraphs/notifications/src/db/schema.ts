import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxTables } from '@shop/events';

export const notificationsSchema = pgSchema('notifications');

/**
 * Consumed events are deduplicated in the inbox. Notifications publish no events, so the outbox
 * table of the pair is not part of this schema.
 */
export const { inbox } = outboxTables(notificationsSchema);

export const notificationKinds = ['ORDER_CONFIRMED', 'ORDER_CANCELLED', 'SHIPMENT_SHIPPED', 'SHIPMENT_DELIVERED', 'RETURN_UPDATED'] as const;
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
    index('notifications_unread_idx')
      .on(t.recipientId, t.seq)
      .where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_source_event_idx').on(t.sourceEventId),
  ],
);

/**
 * Who a user id's mails go to: kept from `user.registered` (and later address changes), so order
 * events, which carry only the customer id, can be mailed.
 */
export const recipients = notificationsSchema.table('recipients', {
  userId: text('user_id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const mailTemplates = [
  'ORDER_CONFIRMED',
  'ORDER_CANCELLED',
  'SHIPMENT_SHIPPED',
  'SHIPMENT_DELIVERED',
  'RETURN_UPDATED',
  'VERIFY_EMAIL',
  'PASSWORD_RESET',
  'PASSWORD_CHANGED',
] as const;
export type MailTemplate = (typeof mailTemplates)[number];

/**
 * The outbox of mails: a row is written in the transaction that consumes the event (behind the
 * inbox, and unique per event and template), and the mail dispatcher sends it later, retrying with
 * backoff until the SMTP server takes it. `data` is what the template renders; it is cleared once
 * the mail left, so one-time tokens do not linger here.
 */
export const mailOutbox = notificationsSchema.table(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    sourceEventId: uuid('source_event_id').notNull(),
    template: text('template', { enum: mailTemplates }).notNull(),
    recipientId: text('recipient_id').notNull(),
    /** Set when the event names the address (account mails); otherwise looked up in `recipients` when sending. */
    toAddress: text('to_address'),
    data: jsonb('data'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mail_outbox_source_event_template_idx').on(t.sourceEventId, t.template),
    // Partial: the dispatcher only ever looks at mails still to send, by due time.
    index('mail_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.sentAt} is null`),
  ],
);
