import type { Logger } from '@shop/subgraph-kit';
import type { MailRetryPolicy } from '../services/mail-dispatcher';
import { DevelopmentMailSender } from './development-mail-sender';
import type { MailSender } from './mail-sender';
import { SmtpMailSender } from './smtp-mail-sender';

/** Which mail adapter: a real SMTP server, or the development adapter (nothing leaves the machine). */
export type MailTransportConfig = { kind: 'smtp'; url: string } | { kind: 'development'; directory?: string };

export interface MailConfig {
  transport: MailTransportConfig;
  /** The From header. @default 'Shop <shop@localhost>' */
  from?: string;
  /** Base of the links in mails (order pages, `/reset-password?token=`, `/verify-email?token=`). @default 'http://localhost:3000' */
  storefrontUrl?: string;
  retry?: Partial<MailRetryPolicy>;
}

export const defaultMailConfig: MailConfig = { transport: { kind: 'development' } };
export const defaultMailFrom = 'Shop <shop@localhost>';
export const defaultStorefrontUrl = 'http://localhost:3000';
export const defaultMailRetry: MailRetryPolicy = { initialDelayMs: 1_000, maxDelayMs: 300_000 };

/** The one place the adapter is chosen. */
export function createMailSender(transport: MailTransportConfig, logger: Logger): MailSender {
  switch (transport.kind) {
    case 'smtp':
      return new SmtpMailSender({ url: transport.url });
    case 'development':
      return new DevelopmentMailSender({ ...(transport.directory ? { directory: transport.directory } : {}), logger });
  }
}
