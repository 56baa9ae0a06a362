import { createTransport, type Transporter } from 'nodemailer';
import { messageIdOf, type MailSender, type OutgoingMail } from './mail-sender';

export interface SmtpMailSenderOptions {
  /** `smtp://user:pass@host:port` or `smtps://...` (implicit TLS); STARTTLS is used when offered. */
  url: string;
  /**
   * Connect and greeting timeouts: an SMTP server that is down fails the send fast and the
   * dispatcher retries later, instead of a send hanging for nodemailer's default two minutes.
   * @default 10000
   */
  timeoutMs?: number;
}

/** Sends through an SMTP server with nodemailer, one connection per send (no pool to go stale during an outage). */
export class SmtpMailSender implements MailSender {
  private readonly transporter: Transporter;

  constructor(options: SmtpMailSenderOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SmtpMailSender: url must be smtp:// or smtps://, got ${url.protocol}`);
    const timeout = options.timeoutMs ?? 10_000;
    this.transporter = createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 3,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ messageId: messageIdOf(mail), from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
