import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { MigrationTarget } from '@shop/db';
import { startOutboxRelay } from '@shop/events';
import type { SubgraphModule, SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox } from './db/schema';
import { consumeProductEvents } from './events/product-events.consumer';
import { createInventory } from './inventory';
import { resolvers } from './resolvers';
import { startExpirySweeper } from './services/expiry-sweeper';

const typeDefs = parse(readFileSync(fileURLToPath(new URL('./schema.graphql', import.meta.url)), 'utf8'));
const migrations: MigrationTarget = {
  schema: 'inventory',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
};

export interface InventoryConfig {
  /**
   * How often expired reservations are released (their units become available again). Every
   * replica may sweep; a reservation is released once however many do. 0 turns sweeping off.
   * @default 30000
   */
  reservationSweepIntervalMs?: number;
}

export const DEFAULT_RESERVATION_SWEEP_INTERVAL_MS = 30_000;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay, the product-events consumer and
 * the expired-reservation sweeper; the caller starts the HTTP server and calls `stop()` on shutdown.
 */
async function create(config: InventoryConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, transport, logger });
  const inventory = createInventory(database.db, () => relay.wake());
  const subscription = await consumeProductEvents({ db: database.db, transport, stock: inventory.stores.stock, afterCommit: () => relay.wake() });
  const sweeper = startExpirySweeper(
    () => inventory.reservations.releaseExpired(),
    config.reservationSweepIntervalMs ?? DEFAULT_RESERVATION_SWEEP_INTERVAL_MS,
    logger,
  );
  return {
    resolvers: resolvers(inventory),
    readiness: { database: () => database.ping() },
    stop: async () => {
      await sweeper.stop();
      await subscription.stop();
      await relay.stop();
    },
  };
}

/** The inventory subgraph: stock per product, the stock ledger and reservations for checkout. */
export const inventoryModule: SubgraphModule<InventoryConfig> = { name: 'inventory', typeDefs, migrations, create };
