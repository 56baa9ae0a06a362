import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { consumeOrderEvents } from './events/order-events.consumer';
import { resolvers } from './resolvers';
import { MarkReadService } from './services/mark-read.service';
import { NotificationFeed } from './services/notification-feed';
import { NotificationReader } from './services/notification-reader.service';
import { NotificationStore } from './stores/notification.store';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'notifications',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

/** Notifications needs nothing beyond the platform. */
export type NotificationsConfig = Record<string, never>;

/**
 * Wires stores -> services -> resolvers and starts the order/shipment events consumer; the caller
 * starts the HTTP (and graphql-ws) server and calls `stop()` on shutdown. No outbox relay: this
 * subgraph publishes no events.
 */
async function create(_config: NotificationsConfig, { database, transport, pubsub, logger }: SubgraphPlatform) {
  const store = new NotificationStore(database.db);
  const feed = new NotificationFeed(pubsub, logger);
  const subscription = await consumeOrderEvents({ db: database.db, transport, store, feed });
  return {
    resolvers: resolvers({ reader: new NotificationReader(store), markRead: new MarkReadService(database.db, store), feed }),
    readiness: { database: () => database.ping() },
    stop: () => subscription.stop(),
  };
}

/** The notifications subgraph: shoppers' messages about their orders and shipments, stored and live. */
export const notificationsModule: SubgraphModule<NotificationsConfig> = { name: 'notifications', typeDefs, migrations, create };
