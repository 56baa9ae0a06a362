import type { Database } from '@shop/db';
import { startWorkerLoop, type WorkerLoop } from '@shop/events';
import type { Logger } from '@shop/subgraph-kit';
import type { MailSender } from '../mail/mail-sender';
import { renderMail } from '../mail/templates/render-mail';
import type { DueMail, MailOutboxStore } from '../stores/mail-outbox.store';

export interface MailRetryPolicy {
  /** Wait after a mail's first failed attempt; doubled per attempt. @default 1000 */
  initialDelayMs: number;
  /** The longest wait between two attempts of one mail (a mail is retried until it is sent). @default 300000 */
  maxDelayMs: number;
}

export interface MailDispatcherOptions {
  db: Database;
  store: MailOutboxStore;
  sender: MailSender;
  from: string;
  storefrontUrl: string;
  retry: MailRetryPolicy;
  logger: Logger;
  /** Mails per transaction. @default 20 */
  batchSize?: number;
  /** Longest idle wait; `wake()` after a commit covers the usual path. @default 1000 */
  pollIntervalMs?: number;
}

/** `wake()` sends now instead of at the next poll: call it after committing a transaction that queued mails. */
export type MailDispatcher = WorkerLoop;

export const backoffMs = (attempt: number, retry: MailRetryPolicy): number => Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.max(0, attempt - 1));

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends the mail outbox. Each batch is one transaction holding its rows (FOR UPDATE SKIP LOCKED):
 * a sent mail is marked in it; a failed one gets its attempt counted and its next attempt pushed
 * out by exponential backoff, and the batch ends there, since the next mails would most likely
 * fail the same way (an SMTP outage), and the dispatcher waits before trying again. Nothing is
 * deleted, so an outage of any length delays mails but never loses one.
 */
export function startMailDispatcher(options: MailDispatcherOptions): MailDispatcher {
  const { db, store, sender, from, storefrontUrl, retry, logger, batchSize = 20, pollIntervalMs = 1000 } = options;
  /** Sends one mail; the error text when it could not. */
  const sendOne = async (mail: DueMail): Promise<string | null> => {
    const email = mail.toAddress ?? mail.recipientEmail;
    if (!email) return `no e-mail address known for recipient ${mail.recipientId} yet`;
    try {
      const rendered = renderMail(mail.template, mail.data, { email, ...(mail.recipientName ? { name: mail.recipientName } : {}) }, storefrontUrl);
      await sender.send({ id: mail.id, from, to: email, ...rendered });
      return null;
    } catch (error) {
      return errorText(error);
    }
  };

  /** How many mails were sent, or 'failed' when one could not be. */
  const batch = () =>
    db.transaction(async (tx): Promise<number | 'failed'> => {
      const due = await store.claimDue(tx, batchSize);
      let sent = 0;
      for (const mail of due) {
        const error = await sendOne(mail);
        if (error === null) {
          await store.markSent(tx, mail.id);
          sent++;
          continue;
        }
        const delay = backoffMs(mail.attempts + 1, retry);
        logger.warn({ mailId: mail.id, template: mail.template, attempt: mail.attempts + 1, retryInMs: delay, err: error }, 'mail not sent; will retry');
        await store.reschedule(tx, mail.id, delay, error);
        return 'failed';
      }
      return sent;
    });

  return startWorkerLoop({
    pass: batch,
    batchSize,
    idleMs: async () => {
      const nextDue = await store.msUntilNextDue().catch(() => null);
      return nextDue === null ? pollIntervalMs : Math.min(pollIntervalMs, Math.max(nextDue, 10));
    },
    // Consecutive failures back off like a mail's own attempts; new mails do not cut the wait.
    failureMs: (failures) => backoffMs(failures, retry),
    onError: (error) => logger.error({ err: errorText(error) }, 'mail dispatcher batch failed'),
  });
}
