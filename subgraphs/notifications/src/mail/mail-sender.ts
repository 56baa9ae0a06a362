/** One rendered mail, ready for a transport. */
export interface OutgoingMail {
  /** The mail outbox row id: a retried send carries the same Message-ID, so receivers can tell duplicates. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The e-mail port: `send` resolves once the mail is accepted (an SMTP 250) and throws otherwise,
 * and the dispatcher then retries the mail later. One adapter per file: SMTP (nodemailer) and
 * development (keeps, logs and optionally writes `.eml` files).
 */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** `<id@domain>`, the Message-ID of a mail outbox row, with the sender's domain. */
export const messageIdOf = (mail: OutgoingMail): string => `<${mail.id}@${mail.from.replace(/.*@/, '').replace(/>.*/, '') || 'localhost'}>`;
