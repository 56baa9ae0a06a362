import { and, asc, eq, inArray, isNull, lte, min, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { mailOutbox, mailTemplates, recipients, type MailTemplate } from '../db/schema';

export interface NewMail {
  sourceEventId: string;
  template: MailTemplate;
  recipientId: string;
  /** When the event names the address; otherwise the recipient's known address is used when sending. */
  toAddress?: string;
  data: unknown;
}

export const dueMail = z.object({
  id: z.string().uuid(),
  template: z.enum(mailTemplates),
  recipientId: z.string(),
  toAddress: z.string().nullable(),
  recipientEmail: z.string().nullable(),
  recipientName: z.string().nullable(),
  data: z.unknown(),
  attempts: z.number().int(),
});
export type DueMail = z.infer<typeof dueMail>;

/** SQL for the mail outbox and the recipients' addresses. */
export class MailOutboxStore {
  constructor(private readonly db: Executor) {}

  /** At most one mail per event and template: a redelivered event (past the inbox) adds nothing. */
  async enqueue(mail: NewMail, db: Executor): Promise<void> {
    await db
      .insert(mailOutbox)
      .values({ sourceEventId: mail.sourceEventId, template: mail.template, recipientId: mail.recipientId, toAddress: mail.toAddress ?? null, data: mail.data })
      .onConflictDoNothing({ target: [mailOutbox.sourceEventId, mailOutbox.template] }); // mailOutbox.enqueue
  }

  async saveRecipient(recipient: { userId: string; email: string; name: string }, db: Executor): Promise<void> {
    await db
      .insert(recipients)
      .values(recipient)
      .onConflictDoUpdate({ target: recipients.userId, set: { email: recipient.email, name: recipient.name, updatedAt: sql`now()` } });
  }

  /** The oldest due unsent mails, locked for this transaction (other dispatchers skip them), with their recipients' addresses. */
  async claimDue(tx: Executor, limit: number): Promise<DueMail[]> {
    const rows = await tx
      .select({
        id: mailOutbox.id,
        template: mailOutbox.template,
        recipientId: mailOutbox.recipientId,
        toAddress: mailOutbox.toAddress,
        data: mailOutbox.data,
        attempts: mailOutbox.attempts,
      })
      .from(mailOutbox)
      .where(and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.seq))
      .limit(limit)
      .for('update', { skipLocked: true }); // mailOutbox.claimDue
    const ids = [...new Set(rows.filter((row) => row.toAddress === null).map((row) => row.recipientId))];
    const known = ids.length === 0 ? [] : await tx.select().from(recipients).where(inArray(recipients.userId, ids));
    const byId = new Map(known.map((r) => [r.userId, r]));
    return rows.map((row) =>
      dueMail.parse({ ...row, recipientEmail: byId.get(row.recipientId)?.email ?? null, recipientName: byId.get(row.recipientId)?.name ?? null }),
    );
  }

  /** Sent: the template data (which may hold a one-time token) is not kept. */
  async markSent(tx: Executor, id: string): Promise<void> {
    await tx
      .update(mailOutbox)
      .set({ sentAt: sql`now()`, data: null, attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
      .where(eq(mailOutbox.id, id)); // mailOutbox.markSent
  }

  async reschedule(tx: Executor, id: string, delayMs: number, error: string): Promise<void> {
    await tx
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        nextAttemptAt: sql`now() + ${`${Math.max(0, Math.round(delayMs))} milliseconds`}::interval`,
        lastError: error.slice(0, 2_000),
      })
      .where(eq(mailOutbox.id, id)); // mailOutbox.reschedule
  }

  /** Milliseconds until the next unsent mail is due (0 if one is due now), or null when none waits. */
  async msUntilNextDue(): Promise<number | null> {
    const [row] = await this.db
      .select({ next: min(mailOutbox.nextAttemptAt) })
      .from(mailOutbox)
      .where(isNull(mailOutbox.sentAt)); // mailOutbox.nextDue
    if (!row?.next) return null;
    return Math.max(0, new Date(row.next).getTime() - Date.now());
  }
}
