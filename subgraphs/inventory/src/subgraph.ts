import { startOutboxRelay } from '@shop/events';
import { subgraphSources, type SubgraphModule, type SubgraphPlatform } from '@shop/subgraph-kit';
import { outbox, outboxLease } from './db/schema';
import { consumeOrderSaga } from './events/order-saga.consumer';
import { consumeProductEvents } from './events/product-events.consumer';
import { createInventory } from './inventory';
import { resolvers } from './resolvers';
import { startExpirySweeper } from './services/expiry-sweeper';

const { typeDefs, migrations } = subgraphSources('inventory', import.meta.url);

export interface InventoryConfig {
  /**
   * How often expired reservations are released (their units become available again). Every
   * replica may sweep; a reservation is released once however many do. 0 turns sweeping off.
   * @default 30000
   */
  reservationSweepIntervalMs?: number;
  /**
   * How long the checkout saga holds an order's units (`order.stock-reservation-requested`) before
   * the sweeper releases them, if the order is neither confirmed nor cancelled by then (1 to 86400).
   * @default 900
   */
  reservationTtlSeconds?: number;
}

export const DEFAULT_RESERVATION_SWEEP_INTERVAL_MS = 30_000;

/**
 * Wires stores -> services -> resolvers, starts the outbox relay, the product-events and checkout
 * saga consumers and the expired-reservation sweeper; the caller starts the HTTP server and calls
 * `stop()` on shutdown.
 */
async function create(config: InventoryConfig, { database, transport, logger }: SubgraphPlatform) {
  const relay = startOutboxRelay({ db: database.db, outbox, lease: outboxLease, transport, logger });
  const afterCommit = () => relay.wake();
  const inventory = createInventory(database.db, afterCommit, { reservationTtlSeconds: config.reservationTtlSeconds, logger });
  const subscription = await consumeProductEvents({ db: database.db, transport, stock: inventory.stores.stock, afterCommit });
  const saga = await consumeOrderSaga({ db: database.db, transport, saga: inventory.saga, afterCommit });
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
      await saga.stop();
      await subscription.stop();
      await relay.stop();
    },
  };
}

/** The inventory subgraph: stock per product, the stock ledger and reservations for the checkout saga. */
export const inventoryModule: SubgraphModule<InventoryConfig> = { name: 'inventory', typeDefs, migrations, create };
