import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Logger } from '@shop/subgraph-kit';
import { messageIdOf, type MailSender, type OutgoingMail } from './mail-sender';

export interface DevelopmentMailSenderOptions {
  /** Where each mail is written as `<time>-<id>.eml` (opens in any mail client); omit to keep mails in memory only. */
  directory?: string;
  logger?: Logger;
}

/**
 * `npm start`'s mail adapter: nothing leaves the machine. Every mail is kept (`sent`), logged with
 * its subject and plain text (so a reset link can be copied from the console), and written to
 * `directory` when one is given.
 */
export class DevelopmentMailSender implements MailSender {
  /** Every mail sent, oldest first. */
  readonly sent: OutgoingMail[] = [];
  private readonly builder = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly options: DevelopmentMailSenderOptions = {}) {}

  async send(mail: OutgoingMail): Promise<void> {
    this.sent.push(mail);
    let file: string | undefined;
    if (this.options.directory) {
      const info = await this.builder.sendMail({
        messageId: messageIdOf(mail),
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      await mkdir(this.options.directory, { recursive: true });
      file = join(this.options.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`);
      await writeFile(file, info.message as Buffer);
    }
    this.options.logger?.info({ to: mail.to, subject: mail.subject, ...(file ? { file } : {}), text: mail.text }, 'mail (development adapter, not sent)');
  }

  async close(): Promise<void> {}
}
