import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { consumeOrderEvents } from './events/order-events.consumer';
import { createMailSender, defaultMailConfig, defaultMailFrom, defaultMailRetry, defaultStorefrontUrl, type MailConfig } from './mail/mail-config';
import { resolvers } from './resolvers';
import { startMailDispatcher } from './services/mail-dispatcher';
import { MarkReadService } from './services/mark-read.service';
import { NotificationFeed } from './services/notification-feed';
import { NotificationReader } from './services/notification-reader.service';
import { MailOutboxStore } from './stores/mail-outbox.store';
import { NotificationStore } from './stores/notification.store';

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
  const store = new NotificationStore(database.db);
  const feed = new NotificationFeed(pubsub, logger);
  const mail = config.mail ?? defaultMailConfig;
  const sender = createMailSender(mail.transport, logger);
  const mails = new MailOutboxStore(database.db);
  const dispatcher = startMailDispatcher({
    db: database.db,
    store: mails,
    sender,
    from: mail.from ?? defaultMailFrom,
    storefrontUrl: mail.storefrontUrl ?? defaultStorefrontUrl,
    retry: { ...defaultMailRetry, ...mail.retry },
    logger,
  });
  const subscription = await consumeOrderEvents({ db: database.db, transport, store, feed, mails, mailQueued: () => dispatcher.wake() });
  return {
    resolvers: resolvers({ reader: new NotificationReader(store), markRead: new MarkReadService(database.db, store), feed }),
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
