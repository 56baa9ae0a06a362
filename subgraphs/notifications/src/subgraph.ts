import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { consumeOrderEvents } from './events/order-events.consumer';
import { createMailSender, defaultMailConfig, defaultMailFrom, defaultMailRetry, defaultStorefrontUrl, type MailConfig } from './mail/mail-config';
import { createNotifications } from './notifications';
import { resolvers } from './resolvers';
import { startMailDispatcher } from './services/mail-dispatcher';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'notifications',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

export interface NotificationsConfig {
  /** How mails leave. @default the development adapter, mails kept in memory and logged */
  mail?: MailConfig;
}

/**
 * Wires stores -> services -> resolvers, starts the events consumer and the mail dispatcher; the
 * caller starts the HTTP (and graphql-ws) server and calls `stop()` on shutdown. No outbox relay:
 * this subgraph publishes no events (its mail outbox is sent by the dispatcher).
 */
async function create(config: NotificationsConfig, { database, transport, pubsub, logger }: SubgraphPlatform) {
  const { stores, services } = createNotifications(database.db, pubsub, logger);
  const mail = config.mail ?? defaultMailConfig;
  const sender = createMailSender(mail.transport, logger);
  const dispatcher = startMailDispatcher({
    db: database.db,
    store: stores.mails,
    sender,
    from: mail.from ?? defaultMailFrom,
    storefrontUrl: mail.storefrontUrl ?? defaultStorefrontUrl,
    retry: { ...defaultMailRetry, ...mail.retry },
    logger,
  });
  const subscription = await consumeOrderEvents({
    db: database.db,
    transport,
    store: stores.notifications,
    feed: services.feed,
    mails: stores.mails,
    mailQueued: () => dispatcher.wake(),
  });
  return {
    resolvers: resolvers(services),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await subscription.stop();
      await dispatcher.stop();
      await sender.close();
    },
  };
}

/** The notifications subgraph: shoppers' messages about their orders and shipments, stored and live. */
export const notificationsModule: SubgraphModule<NotificationsConfig> = { name: 'notifications', typeDefs, migrations, create };
