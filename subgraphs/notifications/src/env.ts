import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import type { NotificationsConfig } from './subgraph';

/** The notifications subgraph's configuration (services mode). Every variable is documented in the README. */
export const notificationsEnvSchema = z
  .object({
    ...platformEnvShape,
    /** `smtp` sends through SMTP_URL; `development` keeps, logs and (with MAIL_DIR) writes `.eml` files. */
    MAIL_TRANSPORT: z.enum(['smtp', 'development']).default('development'),
    /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://...:465`. Required with MAIL_TRANSPORT=smtp. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('Shop <shop@localhost>'),
    /** Where the development adapter writes mails. */
    MAIL_DIR: z.string().min(1).optional(),
    /** Base URL of the links in mails. */
    STOREFRONT_URL: z.url().default('http://localhost:3000'),
    MAIL_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
    MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(300_000),
  })
  .refine((env) => env.MAIL_TRANSPORT !== 'smtp' || env.SMTP_URL, { message: 'SMTP_URL is required when MAIL_TRANSPORT=smtp', path: ['SMTP_URL'] });

export type NotificationsEnv = z.output<typeof notificationsEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadNotificationsEnv = (): NotificationsEnv => loadEnvOrExit(notificationsEnvSchema, process.env);

export const notificationsConfigFromEnv = (env: NotificationsEnv): NotificationsConfig => ({
  mail: {
    transport:
      env.MAIL_TRANSPORT === 'smtp' ? { kind: 'smtp', url: env.SMTP_URL! } : { kind: 'development', ...(env.MAIL_DIR ? { directory: env.MAIL_DIR } : {}) },
    from: env.MAIL_FROM,
    storefrontUrl: env.STOREFRONT_URL,
    retry: { initialDelayMs: env.MAIL_RETRY_INITIAL_MS, maxDelayMs: env.MAIL_RETRY_MAX_MS },
  },
});
